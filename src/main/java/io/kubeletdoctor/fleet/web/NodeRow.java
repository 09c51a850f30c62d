package io.kubeletdoctor.fleet.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.fleet.CisCheck;
import io.kubeletdoctor.fleet.FleetCertificate;
import io.kubeletdoctor.fleet.FleetCsr;
import io.kubeletdoctor.fleet.NodeScan;
import org.jspecify.annotations.Nullable;

/** One node on the fleet page: its scan, worded relative to the page's moment, and its newest report. */
record NodeRow(NodeScan scan, Instant now, @Nullable String reportId) {

	public String node() {
		return this.scan.node();
	}

	public @Nullable FleetCertificate serving() {
		return certificate(CertificateRole.SERVING);
	}

	public @Nullable FleetCertificate client() {
		return certificate(CertificateRole.CLIENT);
	}

	/** "expires in 41 hours", "expired 3 days ago", "no valid certificate", or "unknown". */
	public String expiry(@Nullable FleetCertificate certificate) {
		if (certificate == null) {
			return "unknown";
		}
		return (certificate.notAfter() != null) ? TimeSpan.expiry(certificate.notAfter(), this.now)
				: "no valid certificate";
	}

	/** tone-bad for expired or under 7 days, tone-warn under 30 days, tone-ok otherwise. */
	public String expiryTone(@Nullable FleetCertificate certificate) {
		if (certificate == null) {
			return "";
		}
		if (certificate.notAfter() == null || remainingUnder(certificate.notAfter(), 7)) {
			return "tone-bad";
		}
		return remainingUnder(certificate.notAfter(), 30) ? "tone-warn" : "tone-ok";
	}

	public String rotationTone(@Nullable FleetCertificate certificate) {
		if (certificate == null) {
			return "";
		}
		return switch (certificate.rotation()) {
			case OK -> "tone-ok";
			case UNKNOWN -> "";
			default -> "tone-bad";
		};
	}

	public String checkTone(CisCheck check) {
		return switch (check.result()) {
			case PASS -> "tone-ok";
			case FAIL -> "tone-bad";
			case UNKNOWN -> "";
		};
	}

	public List<FleetCsr> newestCsrs() {
		return Stream.of(this.scan.newestServingCsr(), this.scan.newestClientCsr())
			.filter(Objects::nonNull)
			.toList();
	}

	public String csrAge(FleetCsr csr) {
		return (csr.created() != null) ? TimeSpan.ago(Duration.between(csr.created(), this.now)) : "";
	}

	boolean expiresWithinDays(int days) {
		Instant first = this.scan.firstExpiry();
		return first != null && remainingUnder(first, days);
	}

	private boolean remainingUnder(Instant notAfter, int days) {
		return Duration.between(this.now, notAfter).compareTo(Duration.ofDays(days)) < 0;
	}

	private @Nullable FleetCertificate certificate(CertificateRole role) {
		return this.scan.certificates().stream().filter((c) -> c.role() == role).findFirst().orElse(null);
	}

}
