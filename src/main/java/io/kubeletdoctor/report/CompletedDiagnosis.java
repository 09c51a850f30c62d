package io.kubeletdoctor.report;

import java.util.List;

import io.kubeletdoctor.diagnosis.Finding;
import org.jspecify.annotations.Nullable;

/** The outcome of running a playbook, written into the report in one update. */
public record CompletedDiagnosis(@Nullable String node, String playbook, Finding rootCause,
		List<Finding> otherCauses, List<StepOutcome> steps, List<ReportCertificate> certificates,
		List<ReportCsr> certificateRequests, @Nullable List<Report.AffectedNode> affectedNodes,
		@Nullable List<Report.Cause> causes) {

	/** A diagnosis of one node, which has no affected nodes to group by cause. */
	public CompletedDiagnosis(@Nullable String node, String playbook, Finding rootCause, List<Finding> otherCauses,
			List<StepOutcome> steps, List<ReportCertificate> certificates, List<ReportCsr> certificateRequests,
			@Nullable List<Report.AffectedNode> affectedNodes) {
		this(node, playbook, rootCause, otherCauses, steps, certificates, certificateRequests, affectedNodes, null);
	}

}
