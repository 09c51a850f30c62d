package io.kubeletdoctor.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.ClusterSweepStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.playbook.ClusterDiagnosis;
import io.kubeletdoctor.playbook.NodeReports;
import io.kubeletdoctor.playbook.NodeReports.NodeReport;
import io.kubeletdoctor.playbook.Playbook;
import io.kubeletdoctor.report.CompletedDiagnosis;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.StepOutcome;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A cluster-scope report (an alert with no node, such as {@code KubeletDown}, or a notification
 * whose alerts Alertmanager truncated): finds the nodes that are not Ready, whose Lease went stale,
 * or whose kubelet port fails a TLS handshake or serves a certificate a verifying scraper rejects
 * (see {@link KubeletPortCheck}), has each diagnosed into a node report of its own, and gives the
 * cluster a verdict (see {@link ClusterVerdict}). It writes nothing itself: the engine writes the
 * node reports. The Lease matters because Ready still says True for the node monitor grace period
 * (40-50 s) after a kubelet stopped, while its Lease stops being renewed at once; one LIST of
 * {@code kube-node-lease} covers every node.
 */
@Component
class ClusterSweep implements ClusterDiagnosis {

	static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

	private final Clock clock;

	ClusterSweep(Clock clock) {
		this.clock = clock;
	}

	@Override
	public CompletedDiagnosis diagnose(Playbook playbook, ClusterReader reader, NodeReports nodeReports) {
		long start = System.nanoTime();
		List<Node> nodes = reader.nodes();
		LeaseList leases = leases(reader);
		Instant now = this.clock.instant();
		List<String> notReady = new ArrayList<>();
		List<String> staleLease = new ArrayList<>();
		List<Node> reporting = new ArrayList<>();
		for (Node node : nodes) {
			String name = node.getMetadata().getName();
			if (!ready(node)) {
				notReady.add(name);
			}
			else if (stale(leases.byNode().get(name), now)) {
				staleLease.add(name);
			}
			else {
				reporting.add(node);
			}
		}
		Map<String, String> portFailing = KubeletPortCheck.failing(reader, reporting, now);
		List<String> unhealthy = new ArrayList<>(notReady);
		unhealthy.addAll(staleLease);
		unhealthy.addAll(portFailing.keySet());
		Map<String, Finding> verdicts = new LinkedHashMap<>();
		List<Report.AffectedNode> affected = new ArrayList<>();
		for (String node : unhealthy) {
			String position = "node " + (verdicts.size() + 1) + " of " + unhealthy.size() + " (" + node + ")";
			NodeReport nodeReport = nodeReports.diagnose(node, position);
			Finding nodeVerdict = nodeReport.diagnosis().rootCause();
			verdicts.put(node, nodeVerdict);
			affected.add(new Report.AffectedNode(node, nodeReport.reportId(), nodeVerdict.code().name()));
		}
		ClusterVerdict verdict = ClusterVerdict.of(verdicts, nodes.size());
		ClusterSweepStepFacts facts = new ClusterSweepStepFacts(leases.error(), nodes.size(), notReady, staleLease,
				portFailing.entrySet().stream().map((entry) -> entry.getKey() + ": " + entry.getValue()).toList(),
				Math.min(reporting.size(), KubeletPortCheck.MAX_NODES));
		StepOutcome sweep = new StepOutcome(StepId.CLUSTER_SWEEP.id(), "Cluster sweep",
				unhealthy.isEmpty() ? StepStatus.OK : StepStatus.CRITICAL,
				summary(nodes.size(), notReady, staleLease, portFailing.size()),
				facts, (System.nanoTime() - start) / 1_000_000, null);
		return new CompletedDiagnosis(null, playbook.name(), verdict.rootCause(), verdict.otherCauses(),
				List.of(sweep), List.of(), List.of(), affected, verdict.causes());
	}

	/** The node Leases by name; without them the sweep still has the Ready conditions, and says so. */
	private static LeaseList leases(ClusterReader reader) {
		Map<String, Lease> leases = new HashMap<>();
		try {
			for (Lease lease : reader.leases(NODE_LEASE_NAMESPACE)) {
				if (lease.getMetadata() != null && lease.getMetadata().getName() != null) {
					leases.put(lease.getMetadata().getName(), lease);
				}
			}
		}
		catch (ClusterAccessException ex) {
			return new LeaseList(leases, ex.getMessage());
		}
		return new LeaseList(leases, null);
	}

	private static String summary(int checked, List<String> notReady, List<String> staleLease, int portFailing) {
		String summary = notReady.size() + " of " + checked + " nodes are not Ready";
		if (!staleLease.isEmpty()) {
			summary += "; " + staleLease.size() + " more still say Ready but stopped renewing their Lease";
		}
		if (portFailing > 0) {
			summary += "; " + portFailing + " more report Ready but their kubelet port fails a TLS handshake or serves"
					+ " a certificate that does not verify";
		}
		return summary;
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

	/** A node without a Lease (or without a renewTime) is not judged by it. */
	private static boolean stale(@Nullable Lease lease, Instant now) {
		if (lease == null || lease.getSpec() == null || lease.getSpec().getRenewTime() == null) {
			return false;
		}
		ZonedDateTime renewed = lease.getSpec().getRenewTime();
		return NodeFacts.leaseStale(Duration.between(renewed.toInstant(), now),
				lease.getSpec().getLeaseDurationSeconds());
	}

	private record LeaseList(Map<String, Lease> byNode, @Nullable String error) {
	}

}
