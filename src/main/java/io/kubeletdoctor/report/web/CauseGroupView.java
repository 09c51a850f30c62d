package io.kubeletdoctor.report.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.report.Report;
import org.jspecify.annotations.Nullable;

/**
 * One group of a cluster report's affected nodes that share a cause, as the page shows it: the
 * cause, its nodes with their own reports, and the fix. The fix is the one the cluster finding for
 * that cause carries, written for the group's first node ({@code fixNode}).
 *
 * @param cause the code, confidence and node names
 * @param title the cluster finding's title, or the code when the report has no finding for it
 * @param nodes the group's nodes, linked to their reports where the sweep recorded one
 * @param remediation the fix, empty when the report has none for this cause
 * @param fixNode the node the fix's commands name
 */
record CauseGroupView(Report.Cause cause, String title, List<Report.AffectedNode> nodes,
		List<Remediation> remediation, @Nullable String fixNode) {

	static List<CauseGroupView> of(Report report) {
		if (report.causes() == null) {
			return List.of();
		}
		List<Finding> findings = new ArrayList<>();
		if (report.rootCause() != null) {
			findings.add(report.rootCause());
		}
		findings.addAll(report.otherCauses());
		Map<String, Finding> byCode = findings.stream()
			.collect(Collectors.toMap((finding) -> finding.code().name(), Function.identity(), (first, later) -> first));
		Map<String, Report.AffectedNode> byNode = (report.affectedNodes() != null) ? report.affectedNodes()
			.stream()
			.collect(Collectors.toMap(Report.AffectedNode::node, Function.identity(), (first, later) -> first))
				: Map.of();
		List<CauseGroupView> groups = new ArrayList<>();
		for (Report.Cause cause : report.causes()) {
			Finding finding = byCode.get(cause.code());
			List<Report.AffectedNode> nodes = cause.nodes()
				.stream()
				.map((node) -> byNode.getOrDefault(node, new Report.AffectedNode(node, "", cause.code())))
				.toList();
			groups.add(new CauseGroupView(cause, (finding != null) ? finding.title() : cause.code(), nodes,
					(finding != null) ? finding.remediation() : List.of(),
					cause.nodes().isEmpty() ? null : cause.nodes().get(0)));
		}
		return groups;
	}

}
