package io.kubeletdoctor.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kubeletdoctor.cluster.KubeletHandshake;
import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.KubeletConfigFacts;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.pki.CaChains;
import io.kubeletdoctor.pki.CertificateInfo;
import io.kubeletdoctor.pki.Certificates;
import io.kubeletdoctor.step.CsrIndex;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jspecify.annotations.Nullable;

/**
 * Turns what was read about one node into its {@link NodeScan}: which certificates it holds, until
 * when, and whether each will be renewed. What the kubelet serves and reports now decides; the CSRs
 * say why rotation stalls and stand in for a kubelet that cannot be reached.
 */
final class NodeAssessment {

	/** As the playbook: an approved CSR still without a certificate after this is not being signed. */
	static final Duration ISSUE_LIMIT = Duration.ofMinutes(5);

	/** The kubelet retries a CSR nobody answers every 15 minutes; one still Pending after that is stuck. */
	static final Duration PENDING_LIMIT = Duration.ofMinutes(15);

	/** A TTL read now and an issued certificate's NotAfter this close describe the same certificate. */
	static final Duration SAME_CERTIFICATE = Duration.ofHours(1);

	/** How the reason of a certificate past its renewal window starts, for the early diagnosis. */
	static final String PAST_WINDOW = "past its rotation window";

	static final String CLIENT_TTL_SOURCE = "kubelet metric kubelet_certificate_manager_client_ttl_seconds";

	private final String node;

	private final Instant now;

	private final List<CsrIndex.Entry> csrs;

	private final Map<String, List<String>> csrGroups;

	private final Set<String> nodeNames;

	/**
	 * @param csrGroups the requester's groups of each CSR, by CSR name
	 * @param nodeNames the node's name and every address of its Node status, the only SANs it may ask for
	 */
	NodeAssessment(String node, Instant now, List<CsrIndex.Entry> csrs, Map<String, List<String>> csrGroups,
			Set<String> nodeNames) {
		this.node = node;
		this.now = now;
		this.csrs = csrs;
		this.csrGroups = csrGroups;
		this.nodeNames = nodeNames;
	}

	NodeScan assess(@Nullable KubeletHandshake handshake, @Nullable KubeletConfigFacts config,
			@Nullable KubeletMetricsFacts metrics, List<X509CertificateHolder> bundle, List<String> notRead) {
		KubeletEndpointFacts endpoint = (handshake != null)
				? new KubeletEndpointFacts(handshake.endpoint(), handshake.reachability(), handshake.error(),
						handshake.chain().stream().map(Certificates::describe).toList())
				: new KubeletEndpointFacts("none", Reachability.NO_ADDRESS, "the Node reports no address or kubelet port",
						List.of());
		Boolean chains = (handshake != null) ? CaChains.servingChainsTo(handshake.chain(), bundle) : null;
		CsrIndex.Entry servingCsr = newest(CsrRecord.KUBELET_SERVING_SIGNER);
		CsrIndex.Entry clientCsr = newest(CsrRecord.KUBELET_CLIENT_SIGNER);
		List<FleetCertificate> certificates = new ArrayList<>();
		FleetCertificate serving = serving(endpoint, config, servingCsr);
		if (serving != null) {
			certificates.add(serving);
		}
		FleetCertificate client = client(config, metrics, clientCsr);
		if (client != null) {
			certificates.add(client);
		}
		List<String> cannotRotate = certificates.stream()
			.filter((certificate) -> certificate.rotation().cannotRotate())
			.map((certificate) -> certificate.role().name().toLowerCase() + ": " + certificate.rotationReason())
			.toList();
		boolean reachable = endpoint.reachability() == Reachability.TLS_OK;
		return new NodeScan(this.node, reachable, endpoint.reachability().name(), reachable ? null : endpoint.error(),
				certificates, (config != null) ? config.rotateCertificates() : null,
				(config != null) ? config.serverTlsBootstrap() : null,
				(config != null) ? config.featureGates() : Map.of(), endpoint.selfGenerated(), chains,
				csr(servingCsr), csr(clientCsr), CisChecks.of(config, endpoint.selfGenerated()), cannotRotate, notRead, advice(servingCsr));
	}

	private @Nullable FleetCertificate serving(KubeletEndpointFacts endpoint, @Nullable KubeletConfigFacts config,
			CsrIndex.@Nullable Entry csr) {
		CertificateInfo served = endpoint.servingCertificate();
		CertificateInfo certificate = served;
		String source = "TLS handshake " + endpoint.endpoint();
		if (certificate == null && csr != null && csr.issued() != null) {
			certificate = csr.issued();
			source = "CSR " + csr.name() + " (the kubelet could not be asked)";
		}
		if (certificate == null) {
			// nothing served and nothing issued: only a stalled request says the kubelet is waiting for one
			Rotation stalled = stalled(csr, true);
			return (stalled != null) ? new FleetCertificate(CertificateRole.SERVING, null, null,
					"CSR " + csr.name() + " (no serving certificate yet)", stalled.state(), stalled.reason()) : null;
		}
		Rotation rotation = servingRotation(endpoint, certificate, config, csr);
		return new FleetCertificate(CertificateRole.SERVING, certificate.notAfter(), certificate.issuer(), source,
				rotation.state(), rotation.reason());
	}

	private Rotation servingRotation(KubeletEndpointFacts endpoint, CertificateInfo certificate,
			@Nullable KubeletConfigFacts config, CsrIndex.@Nullable Entry csr) {
		if (endpoint.selfGenerated()) {
			return new Rotation(RotationState.SELF_SIGNED, "self-signed kubelet.crt, which the kubelet never renews");
		}
		if (config != null && !config.serverRotationGateOn()) {
			return new Rotation(RotationState.DISABLED, "feature gate RotateKubeletServerCertificate is off");
		}
		if (config != null && !config.serverTlsBootstrap()) {
			return new Rotation(RotationState.DISABLED, "serverTLSBootstrap is off");
		}
		Rotation stalled = stalled(csr, true);
		if (stalled != null) {
			return stalled;
		}
		return pastWindow(certificate, (config != null) ? "serverTLSBootstrap is on"
				: "configz not read; the CSRs show no trouble");
	}

	private @Nullable FleetCertificate client(@Nullable KubeletConfigFacts config,
			@Nullable KubeletMetricsFacts metrics, CsrIndex.@Nullable Entry csr) {
		CertificateInfo issued = (csr != null) ? csr.issued() : null;
		Double ttl = (metrics != null) ? metrics.clientTtlSeconds() : null;
		Instant notAfter;
		String source;
		if (ttl != null) {
			notAfter = ttl.isInfinite() ? null : this.now.plusSeconds(ttl.longValue());
			source = CLIENT_TTL_SOURCE;
			if (issued != null && (notAfter == null
					|| Duration.between(issued.notAfter(), notAfter).abs().compareTo(SAME_CERTIFICATE) > 0)) {
				// the newest CSR is not what the kubelet uses (a bootstrap certificate, a renewal since)
				issued = null;
			}
		}
		else if (issued != null) {
			notAfter = issued.notAfter();
			source = "CSR " + csr.name();
		}
		else {
			return null;
		}
		Rotation rotation = clientRotation(config, metrics, csr, issued);
		return new FleetCertificate(CertificateRole.CLIENT, notAfter, (issued != null) ? issued.issuer() : null, source,
				rotation.state(), rotation.reason());
	}

	private Rotation clientRotation(@Nullable KubeletConfigFacts config, @Nullable KubeletMetricsFacts metrics,
			CsrIndex.@Nullable Entry csr, @Nullable CertificateInfo issued) {
		if (config != null && !config.rotateCertificates()) {
			return new Rotation(RotationState.DISABLED, "rotateCertificates is off");
		}
		if (metrics != null && metrics.noValidClientCertificate()) {
			return new Rotation(RotationState.FAILING, "the kubelet holds no valid client certificate");
		}
		Rotation stalled = stalled(csr, false);
		if (stalled != null) {
			return stalled;
		}
		if (config != null || (metrics != null && metrics.clientTtlSeconds() != null)) {
			// the TTL series exists only where the certificate manager rotates the client certificate
			return (issued != null) ? pastWindow(issued, "rotateCertificates is on")
					: new Rotation(RotationState.OK, "rotateCertificates is on");
		}
		return new Rotation(RotationState.UNKNOWN, "neither configz nor metrics could be read");
	}

	/** Why the newest CSR shows rotation stuck, or null when it does not. */
	private @Nullable Rotation stalled(CsrIndex.@Nullable Entry csr, boolean serving) {
		if (csr == null) {
			return null;
		}
		CsrCondition condition = csr.condition();
		if (condition == CsrCondition.PENDING && serving) {
			return new Rotation(RotationState.NOT_APPROVED, "kubelet-serving CSR " + csr.name() + " Pending for "
					+ TimeSpan.of(csr.age(this.now)) + ": nothing approves kubelet-serving CSRs");
		}
		if (condition == CsrCondition.PENDING && csr.age(this.now).compareTo(PENDING_LIMIT) > 0) {
			return new Rotation(RotationState.FAILING,
					"client CSR " + csr.name() + " Pending for " + TimeSpan.of(csr.age(this.now)));
		}
		if (condition == CsrCondition.APPROVED && csr.sinceDecision(this.now).compareTo(ISSUE_LIMIT) > 0) {
			return new Rotation(RotationState.FAILING, "CSR " + csr.name() + " approved "
					+ TimeSpan.ago(csr.sinceDecision(this.now)) + " and never issued: the signer is not signing");
		}
		if (condition == CsrCondition.DENIED || condition == CsrCondition.FAILED) {
			return new Rotation(RotationState.FAILING, "CSR " + csr.name() + " " + condition.name().toLowerCase()
					+ ((csr.message() != null) ? ": " + csr.message() : ""));
		}
		return null;
	}

	/** A certificate past the end of its 70–90 % renewal window was not renewed when it should have been. */
	private Rotation pastWindow(CertificateInfo certificate, String okReason) {
		if (this.now.isAfter(certificate.rotationWindowEnd())) {
			return new Rotation(RotationState.FAILING, PAST_WINDOW + " since "
					+ TimeSpan.ago(Duration.between(certificate.rotationWindowEnd(), this.now)) + " and not renewed");
		}
		return new Rotation(RotationState.OK, okReason);
	}

	private @Nullable ApprovalAdvice advice(CsrIndex.@Nullable Entry servingCsr) {
		if (servingCsr == null || servingCsr.condition() != CsrCondition.PENDING) {
			return null;
		}
		return ServingCsrApproval.advise(this.node, servingCsr,
				this.csrGroups.getOrDefault(servingCsr.name(), List.of()), this.nodeNames);
	}

	private CsrIndex.@Nullable Entry newest(String signer) {
		return this.csrs.stream().filter((csr) -> signer.equals(csr.signerName())).findFirst().orElse(null);
	}

	private static @Nullable FleetCsr csr(CsrIndex.@Nullable Entry csr) {
		return (csr != null) ? new FleetCsr(csr.name(), csr.signerName(), csr.condition(), csr.created()) : null;
	}

	private record Rotation(RotationState state, String reason) {
	}

}
