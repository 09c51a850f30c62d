package io.kubeletdoctor.report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.Finding;
import org.jspecify.annotations.Nullable;

/**
 * Which certificate of a report hurts first, for "time to impact" on the page and in chat: the
 * kubelet certificate with the earliest NotAfter, expired or not. CA certificates count only when
 * the verdict is about the CA: a healthy CA years from expiry is no time to impact for a kubelet
 * that has lost its own certificate.
 */
public final class CertificateDeadlines {

	private CertificateDeadlines() {
	}

	public static Optional<ReportCertificate> nearest(List<ReportCertificate> certificates,
			@Nullable Finding rootCause) {
		boolean aboutCa = rootCause != null && rootCause.code().name().startsWith("CA_");
		return certificates.stream()
			.filter((certificate) -> aboutCa || certificate.role() != CertificateRole.CA)
			.min(Comparator.comparing(ReportCertificate::notAfter));
	}

}
