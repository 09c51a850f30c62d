package io.kubeletdoctor.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.report.Report;

/**
 * The verdict of a cluster-scope report, a rule over the verdicts of the nodes its sweep found. The
 * affected nodes are grouped by cause, largest group first (a cause many nodes share is the
 * strongest cluster signal, e.g. a CA or signer problem); the largest group heads the report with
 * its code and its fix, and every group is listed with its nodes.
 * <p>
 * Confidence: a group is as sure as its least sure node verdict (that is what {@link #causes}
 * carries). As the verdict on the cluster, a group that holds no majority of the affected nodes is
 * one step less sure, because it explains fewer than half of them; the title and summary then say
 * the cluster has several causes.
 *
 * @param findings one finding per group, largest first
 * @param causes the groups: code, confidence and nodes, in the same order
 */
record ClusterVerdict(List<Finding> findings, List<Report.Cause> causes) {

	/**
	 * @param nodes each affected node's verdict (its root cause), in the order they were found
	 * @param nodesChecked how many nodes the sweep looked at, affected or not
	 */
	static ClusterVerdict of(Map<String, Finding> nodes, int nodesChecked) {
		if (nodes.isEmpty()) {
			return new ClusterVerdict(List.of(new Finding(RootCauseCode.NO_FAULT_FOUND, "Every node is Ready",
					Confidence.MEDIUM,
					"All " + nodesChecked + " nodes report Ready and renew their Lease, so no kubelet is down now; "
							+ "the alert is likely stale or the kubelets were not scraped (check the Prometheus "
							+ "kubelet targets).",
					List.of(nodesChecked + " nodes checked, none NotReady, Unknown or with a stale Lease"),
					"A node that is NotReady or Unknown, or a kubelet target down in Prometheus", List.of())),
					List.of());
		}
		Map<RootCauseCode, List<String>> byCode = new LinkedHashMap<>();
		Map<RootCauseCode, List<Finding>> verdicts = new LinkedHashMap<>();
		nodes.forEach((node, finding) -> {
			byCode.computeIfAbsent(finding.code(), (c) -> new ArrayList<>()).add(node);
			verdicts.computeIfAbsent(finding.code(), (c) -> new ArrayList<>()).add(finding);
		});
		List<RootCauseCode> ranked = new ArrayList<>(byCode.keySet());
		ranked.sort((a, b) -> (byCode.get(b).size() != byCode.get(a).size())
				? byCode.get(b).size() - byCode.get(a).size() : a.compareTo(b));
		boolean majority = byCode.get(ranked.get(0)).size() * 2 > nodes.size();
		List<Finding> findings = new ArrayList<>();
		List<Report.Cause> causes = new ArrayList<>();
		for (RootCauseCode code : ranked) {
			Group group = new Group(byCode.get(code), verdicts.get(code), nodes.size());
			findings.add(group.finding(majority));
			causes.add(new Report.Cause(code.name(), group.confidence(), List.copyOf(group.nodes())));
		}
		return new ClusterVerdict(findings, causes);
	}

	Finding rootCause() {
		return this.findings.get(0);
	}

	List<Finding> otherCauses() {
		return this.findings.subList(1, this.findings.size());
	}

	/** The affected nodes that share one cause, with each node's own verdict. */
	private record Group(List<String> nodes, List<Finding> verdicts, int affected) {

		/** The least sure of the node verdicts. */
		Confidence confidence() {
			return this.verdicts.stream()
				.map(Finding::confidence)
				.max(Enum::compareTo)
				.orElse(Confidence.LOW);
		}

		boolean majority() {
			return this.nodes.size() * 2 > this.affected;
		}

		String scope() {
			return (this.nodes.size() == this.affected) ? "All " + this.affected + " affected nodes"
					: this.nodes.size() + " of " + this.affected + " affected nodes";
		}

		/**
		 * @param clusterHasMajority whether the largest group holds a majority; when none does, every
		 * title says the cluster has several causes
		 */
		Finding finding(boolean clusterHasMajority) {
			Finding example = this.verdicts.get(0);
			String nodeCount = (this.nodes.size() == this.affected) ? "All " + this.affected + " nodes"
					: this.nodes.size() + " of " + this.affected + " nodes";
			String title = (clusterHasMajority ? "" : "Several causes; ") + nodeCount + ": " + example.title();
			String summary = this.scope() + " share this cause"
					+ (clusterHasMajority ? ". " : ", no majority: the cluster has several causes. ")
					+ example.summary();
			List<String> evidence = new ArrayList<>();
			evidence.add(this.scope() + ": " + String.join(", ", this.nodes));
			for (int i = 0; i < this.nodes.size(); i++) {
				evidence.add(this.nodes.get(i) + ": " + keyEvidence(this.verdicts.get(i)));
			}
			Confidence confidence = majority() ? confidence() : lower(confidence());
			return new Finding(example.code(), title, confidence, summary, evidence, example.refutedBy(),
					example.remediation());
		}

		private static Confidence lower(Confidence confidence) {
			return Confidence.values()[Math.min(confidence.ordinal() + 1, Confidence.LOW.ordinal())];
		}

		/** The first line a node's finding rests on, skipping the notes about what could not be checked. */
		private static String keyEvidence(Finding finding) {
			return finding.evidence()
				.stream()
				.filter((line) -> !line.startsWith("Not checked"))
				.findFirst()
				.orElse(finding.title());
		}

	}

}
