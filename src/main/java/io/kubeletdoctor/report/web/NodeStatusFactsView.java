package io.kubeletdoctor.report.web;

import io.kubeletdoctor.diagnosis.stepfacts.NodeStatusStepFacts;

/** node-status: the Ready condition, heartbeat and Lease age, kubelet version, endpoint and taints. */
final class NodeStatusFactsView {

	private NodeStatusFactsView() {
	}

	static void describe(NodeStatusStepFacts facts, StepLines lines) {
		if (!facts.found()) {
			lines.detail("Node", "not found in the cluster", "bad");
			return;
		}
		readyCondition(facts, lines);
		if (facts.heartbeatAgeSeconds() != null) {
			lines.detail("Last heartbeat", Ages.ago(facts.heartbeatAgeSeconds()), null);
		}
		lease(facts, lines);
		lines.detailIfPresent("Kubelet version", facts.kubeletVersion());
		String address = facts.address();
		Integer port = facts.kubeletPort();
		if (address != null || port != null) {
			lines.detail("Kubelet endpoint",
					((address != null) ? address : "no address") + ":" + ((port != null) ? port : "no port"),
					(address == null || port == null) ? "bad" : null);
		}
		if (facts.taints() != null && !facts.taints().isEmpty()) {
			lines.detail("Taints", String.join(", ", facts.taints()), null);
		}
	}

	private static void readyCondition(NodeStatusStepFacts facts, StepLines lines) {
		String ready = facts.readyStatus();
		if (ready == null) {
			lines.detail("Ready condition", "not reported", "warn");
			return;
		}
		String reason = facts.readyReason();
		String message = facts.readyMessage();
		String value = ready + ((reason != null) ? " (" + reason + ")" : "") + ((message != null) ? ": " + message : "");
		lines.detail("Ready condition", value, "True".equals(ready) ? "ok" : "bad");
	}

	private static void lease(NodeStatusStepFacts facts, StepLines lines) {
		Long lease = facts.leaseAgeSeconds();
		if (lease == null) {
			String error = facts.leaseError();
			lines.detail("Node Lease", (error != null) ? "not readable: " + error : "none in kube-node-lease", "warn");
			return;
		}
		boolean stale = Boolean.TRUE.equals(facts.leaseStale());
		Integer duration = facts.leaseDurationSeconds();
		String value = "renewed " + Ages.ago(lease)
				+ ((duration != null) ? " (lease duration " + Ages.span(duration) + ")" : "")
				+ (stale ? ": stale, the kubelet is not reaching the API server" : "");
		lines.detail("Node Lease", value, stale ? "bad" : "ok");
	}

}
