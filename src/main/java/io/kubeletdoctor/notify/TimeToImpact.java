package io.kubeletdoctor.notify;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.report.CertificateDeadlines;
import io.kubeletdoctor.report.ReportCertificate;
import org.jspecify.annotations.Nullable;

/**
 * When the report's problem hurts: the kubelet certificate with the earliest NotAfter, as the report
 * page shows it. CA certificates count only for CA verdicts, since a healthy CA years from expiry says
 * nothing about a kubelet that lost its own certificate.
 *
 * @param certificate which certificate ({@code CLIENT}, {@code SERVING} or {@code CA})
 * @param notAfter its expiry
 * @param text "client certificate expired 3 days ago", "serving certificate expires in 41 hours"
 */
record TimeToImpact(CertificateRole certificate, Instant notAfter, String text) {

	static Optional<TimeToImpact> of(List<ReportCertificate> certificates, @Nullable Finding rootCause, Instant now) {
		return CertificateDeadlines.nearest(certificates, rootCause)
			.map((nearest) -> new TimeToImpact(nearest.role(), nearest.notAfter(),
					name(nearest.role()) + " " + TimeSpan.expiry(nearest.notAfter(), now)));
	}

	private static String name(CertificateRole role) {
		return (role == CertificateRole.CA) ? "cluster CA certificate"
				: role.name().toLowerCase(Locale.ROOT) + " certificate";
	}

}
