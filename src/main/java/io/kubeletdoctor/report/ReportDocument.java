package io.kubeletdoctor.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import org.jspecify.annotations.Nullable;

/** The diagnosis part of a report, stored as one JSON document beside the indexed columns. */
record ReportDocument(@Nullable Finding rootCause, List<Finding> otherCauses, List<StepOutcome> steps,
		List<ReportCertificate> certificates, List<ReportCsr> certificateRequests,
		@Nullable List<Report.AffectedNode> affectedNodes, @Nullable List<Report.Cause> causes) {

	static final ReportDocument EMPTY = new ReportDocument(null, List.of(), List.of(), List.of(), List.of(), null,
			null);

	ReportDocument {
		if (causes == null && affectedNodes != null) {
			causes = groupedByCause(affectedNodes, rootCause, otherCauses);
		}
	}

	static ReportDocument of(CompletedDiagnosis diagnosis) {
		return new ReportDocument(diagnosis.rootCause(), diagnosis.otherCauses(), diagnosis.steps(),
				diagnosis.certificates(), diagnosis.certificateRequests(), diagnosis.affectedNodes(),
				diagnosis.causes());
	}

	/**
	 * The groups of a cluster report stored before reports carried them, rebuilt from the affected
	 * nodes in the order of the cluster findings; each group takes the confidence of its finding.
	 */
	private static List<Report.Cause> groupedByCause(List<Report.AffectedNode> affectedNodes,
			@Nullable Finding rootCause, List<Finding> otherCauses) {
		Map<String, Confidence> confidence = new LinkedHashMap<>();
		List<Finding> findings = new ArrayList<>();
		if (rootCause != null) {
			findings.add(rootCause);
		}
		findings.addAll(otherCauses);
		findings.forEach((finding) -> confidence.putIfAbsent(finding.code().name(), finding.confidence()));
		Map<String, List<String>> nodes = new LinkedHashMap<>();
		confidence.keySet().forEach((code) -> nodes.put(code, new ArrayList<>()));
		for (Report.AffectedNode node : affectedNodes) {
			if (node.rootCauseCode() != null) {
				nodes.computeIfAbsent(node.rootCauseCode(), (code) -> new ArrayList<>()).add(node.node());
			}
		}
		List<Report.Cause> causes = new ArrayList<>();
		nodes.forEach((code, members) -> {
			if (!members.isEmpty()) {
				causes.add(new Report.Cause(code, confidence.getOrDefault(code, Confidence.LOW), List.copyOf(members)));
			}
		});
		return causes;
	}

}
