package io.kubeletdoctor.report;

import java.util.List;

import io.kubeletdoctor.diagnosis.Finding;
import org.jspecify.annotations.Nullable;

/** The outcome of running a playbook, written into the report in one update. */
public record CompletedDiagnosis(@Nullable String node, String playbook, Finding rootCause,
		List<Finding> otherCauses, List<StepOutcome> steps, List<ReportCertificate> certificates,
		List<ReportCsr> certificateRequests, @Nullable List<Report.AffectedNode> affectedNodes) {
}
