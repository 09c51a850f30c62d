package io.kubeletdoctor.report.web;

import java.util.List;

/** node-status: the Ready condition, heartbeat and Lease age, kubelet version, endpoint and taints. */
final class NodeStatusFactsView implements StepFactsView {

	@Override
	public void describe(StepFacts facts, StepLines lines, ReportFormatter fmt) {
		if (Boolean.FALSE.equals(facts.get("found"))) {
			lines.detail("Node", "not found in the cluster", "bad");
			return;
		}
		readyCondition(facts, lines);
		Long heartbeat = facts.number("heartbeatAgeSeconds");
		if (heartbeat != null) {
			lines.detail("Last heartbeat", StepFacts.ago(heartbeat), null);
		}
		lease(facts, lines);
		lines.detailIfPresent("Kubelet version", facts.text("kubeletVersion"));
		String address = facts.text("address");
		Long port = facts.number("kubeletPort");
		if (address != null || port != null) {
			lines.detail("Kubelet endpoint",
					((address != null) ? address : "no address") + ":" + ((port != null) ? port : "no port"),
					(address == null || port == null) ? "bad" : null);
		}
		List<String> taints = facts.strings("taints");
		if (!taints.isEmpty()) {
			lines.detail("Taints", String.join(", ", taints), null);
		}
	}

	private static void readyCondition(StepFacts facts, StepLines lines) {
		String ready = facts.text("readyStatus");
		if (ready == null) {
			lines.detail("Ready condition", "not reported", "warn");
			return;
		}
		String reason = facts.text("readyReason");
		String message = facts.text("readyMessage");
		String value = ready + ((reason != null) ? " (" + reason + ")" : "") + ((message != null) ? ": " + message : "");
		lines.detail("Ready condition", value, "True".equals(ready) ? "ok" : "bad");
	}

	private static void lease(StepFacts facts, StepLines lines) {
		Long lease = facts.number("leaseAgeSeconds");
		if (lease == null) {
			String error = facts.text("leaseError");
			lines.detail("Node Lease", (error != null) ? "not readable: " + error : "none in kube-node-lease", "warn");
			return;
		}
		boolean stale = facts.isTrue("leaseStale");
		Long duration = facts.number("leaseDurationSeconds");
		String value = "renewed " + StepFacts.ago(lease)
				+ ((duration != null) ? " (lease duration " + StepFacts.span(duration) + ")" : "")
				+ (stale ? ": stale, the kubelet is not reaching the API server" : "");
		lines.detail("Node Lease", value, stale ? "bad" : "ok");
	}

}
