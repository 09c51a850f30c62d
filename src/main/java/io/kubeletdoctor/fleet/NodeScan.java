package io.kubeletdoctor.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One node of a fleet scan: its certificates and whether each can rotate, the rotation settings the
 * kubelet runs with (null when {@code /configz} was not read), its newest CSRs, the CIS checks they
 * answer, and what could not be read.
 */
public record NodeScan(String node, boolean reachable, String reachability, @Nullable String problem,
		List<FleetCertificate> certificates, @Nullable Boolean rotateCertificates,
		@Nullable Boolean serverTlsBootstrap, Map<String, Boolean> featureGates, boolean servingSelfSigned,
		@Nullable Boolean servingChainsToCa, @Nullable FleetCsr newestServingCsr, @Nullable FleetCsr newestClientCsr,
		List<CisCheck> checks, List<String> cannotRotate, List<String> notRead,
		@Nullable ApprovalAdvice approvalAdvice) {

	/**
	 * The first NotAfter among the node's certificates; {@link Instant#EPOCH} when a certificate is
	 * known to be missing (no valid client certificate), so such a node sorts first.
	 */
	public @Nullable Instant firstExpiry() {
		if (this.certificates.stream().anyMatch((certificate) -> certificate.notAfter() == null)) {
			return Instant.EPOCH;
		}
		return this.certificates.stream()
			.map(FleetCertificate::notAfter)
			.filter(Objects::nonNull)
			.min(Instant::compareTo)
			.orElse(null);
	}

	public boolean canRotate() {
		return this.cannotRotate.isEmpty();
	}

}
