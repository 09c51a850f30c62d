package io.kubeletdoctor.report;

import java.time.Instant;

import io.kubeletdoctor.diagnosis.CertificateRole;

/** A certificate shown in the report's timeline. */
public record ReportCertificate(CertificateRole role, String subject, String issuer, Instant notBefore,
		Instant notAfter, String source) {
}
