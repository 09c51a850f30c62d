package io.kubeletdoctor.report;

import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.diagnosis.CsrCondition;
import org.jspecify.annotations.Nullable;

/** A CSR as captured in the report, since Kubernetes deletes CSRs within hours. */
public record ReportCsr(String name, String signerName, @Nullable String username, CsrCondition condition,
		long ageSeconds, @Nullable String subject, List<String> sans, List<String> usages,
		@Nullable Instant issuedNotAfter, @Nullable String message) {
}
