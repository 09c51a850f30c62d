package io.kubeletdoctor.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.report.CompletedDiagnosis;
import io.kubeletdoctor.report.QueuedReport;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportStore;
import io.kubeletdoctor.report.StepOutcome;

import org.springframework.stereotype.Component;

/**
 * A cluster-scope report (an alert with no node, such as {@code KubeletDown}, or a notification
 * whose alerts Alertmanager truncated): finds the nodes that are not Ready, diagnoses each into a
 * node report of its own with shared cluster-scoped evidence, and gives the cluster a verdict.
 */
@Component
class ClusterSweep {

	static final String STEP_ID = "cluster-sweep";

	private final NodeDiagnostics diagnostics;

	private final ReportStore store;

	ClusterSweep(NodeDiagnostics diagnostics, ReportStore store) {
		this.diagnostics = diagnostics;
		this.store = store;
	}

	CompletedDiagnosis run(QueuedReport report, Playbook playbook, ClusterReader reader, SharedEvidence shared,
			Map<String, String> labels) {
		long start = System.nanoTime();
		List<Node> nodes = reader.nodes();
		List<String> unhealthy = nodes.stream().filter((node) -> !ready(node)).map((n) -> n.getMetadata().getName()).toList();
		Map<String, CompletedDiagnosis> diagnosed = new LinkedHashMap<>();
		List<Report.AffectedNode> affected = new ArrayList<>();
		for (String node : unhealthy) {
			String childId = this.store.openChild(report.id(), report.cluster(), node);
			CompletedDiagnosis diagnosis = this.diagnostics.diagnose(playbook, node, reader, labels, shared);
			this.store.complete(childId, diagnosis);
			diagnosed.put(node, diagnosis);
			affected.add(new Report.AffectedNode(node, childId, diagnosis.rootCause().code().name()));
		}
		List<Finding> findings = ClusterVerdict.of(diagnosed, nodes.size());
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("nodesChecked", nodes.size());
		facts.put("nodesNotReady", unhealthy);
		StepOutcome sweep = new StepOutcome(STEP_ID, "Cluster sweep",
				unhealthy.isEmpty() ? StepStatus.OK : StepStatus.CRITICAL,
				unhealthy.size() + " of " + nodes.size() + " nodes are not Ready", facts,
				(System.nanoTime() - start) / 1_000_000, null);
		return new CompletedDiagnosis(null, playbook.name(), findings.get(0), findings.subList(1, findings.size()),
				List.of(sweep), List.of(), List.of(), affected);
	}

	private static boolean ready(Node node) {
		if (node.getStatus() == null || node.getStatus().getConditions() == null) {
			return false;
		}
		for (NodeCondition condition : node.getStatus().getConditions()) {
			if ("Ready".equals(condition.getType())) {
				return "True".equals(condition.getStatus());
			}
		}
		return false;
	}

}
