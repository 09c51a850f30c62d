package io.kubeletdoctor.report;

import java.util.List;

import io.kubeletdoctor.diagnosis.Finding;
import org.jspecify.annotations.Nullable;

/** The diagnosis part of a report, stored as one JSON document beside the indexed columns. */
record ReportDocument(@Nullable Finding rootCause, List<Finding> otherCauses, List<StepOutcome> steps,
		List<ReportCertificate> certificates, List<ReportCsr> certificateRequests,
		@Nullable List<Report.AffectedNode> affectedNodes) {

	static final ReportDocument EMPTY = new ReportDocument(null, List.of(), List.of(), List.of(), List.of(), null);

	static ReportDocument of(CompletedDiagnosis diagnosis) {
		return new ReportDocument(diagnosis.rootCause(), diagnosis.otherCauses(), diagnosis.steps(),
				diagnosis.certificates(), diagnosis.certificateRequests(), diagnosis.affectedNodes());
	}

}
