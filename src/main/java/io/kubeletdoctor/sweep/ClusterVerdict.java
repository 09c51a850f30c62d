package io.kubeletdoctor.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;

/**
 * The verdict of a cluster-scope report, a rule over the verdicts of the nodes its sweep found: the
 * cause the most nodes share leads (one shared cause across nodes is the strongest cluster signal,
 * e.g. a CA or signer problem), the others follow.
 */
final class ClusterVerdict {

	private ClusterVerdict() {
	}

	/**
	 * @param nodes each affected node's verdict (its root cause), in the order they were found
	 * @param nodesChecked how many nodes the sweep looked at, affected or not
	 */
	static List<Finding> of(Map<String, Finding> nodes, int nodesChecked) {
		if (nodes.isEmpty()) {
			return List.of(new Finding(RootCauseCode.NO_FAULT_FOUND, "Every node is Ready", Confidence.MEDIUM,
					"All " + nodesChecked + " nodes report Ready and renew their Lease, so no kubelet is down now; "
							+ "the alert is likely stale or the kubelets were not scraped (check the Prometheus "
							+ "kubelet targets).",
					List.of(nodesChecked + " nodes checked, none NotReady, Unknown or with a stale Lease"),
					"A node that is NotReady or Unknown, or a kubelet target down in Prometheus", List.of()));
		}
		Map<RootCauseCode, List<String>> byCode = new LinkedHashMap<>();
		Map<RootCauseCode, Finding> example = new LinkedHashMap<>();
		Map<RootCauseCode, List<String>> evidence = new LinkedHashMap<>();
		nodes.forEach((node, finding) -> {
			byCode.computeIfAbsent(finding.code(), (c) -> new ArrayList<>()).add(node);
			example.putIfAbsent(finding.code(), finding);
			evidence.computeIfAbsent(finding.code(), (c) -> new ArrayList<>()).add(node + ": " + keyEvidence(finding));
		});
		List<RootCauseCode> ranked = new ArrayList<>(byCode.keySet());
		ranked.sort((a, b) -> (byCode.get(b).size() != byCode.get(a).size())
				? byCode.get(b).size() - byCode.get(a).size() : a.compareTo(b));
		List<Finding> findings = new ArrayList<>();
		for (RootCauseCode code : ranked) {
			findings.add(clusterFinding(example.get(code), byCode.get(code), evidence.get(code), nodes.size()));
		}
		return findings;
	}

	/** The first line a node's finding rests on, skipping the notes about what could not be checked. */
	private static String keyEvidence(Finding finding) {
		return finding.evidence()
			.stream()
			.filter((line) -> !line.startsWith("Not checked"))
			.findFirst()
			.orElse(finding.title());
	}

	private static Finding clusterFinding(Finding node, List<String> affected, List<String> nodeEvidence, int total) {
		boolean shared = affected.size() == total;
		String scope = shared ? "All " + total + " affected nodes" : affected.size() + " of " + total + " affected nodes";
		List<String> evidence = new ArrayList<>();
		evidence.add(scope + ": " + String.join(", ", affected));
		evidence.addAll(nodeEvidence);
		Confidence confidence = shared ? node.confidence() : Confidence.LOW;
		return new Finding(node.code(), node.title(), confidence, scope + " share this cause. " + node.summary(),
				evidence, node.refutedBy(), node.remediation());
	}

}
