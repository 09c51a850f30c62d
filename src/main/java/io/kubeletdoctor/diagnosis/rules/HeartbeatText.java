package io.kubeletdoctor.diagnosis.rules;

import io.kubeletdoctor.diagnosis.NodeFacts;

/** Whether the node stopped reporting to the API server, and how to say so. */
final class HeartbeatText {

	private HeartbeatText() {
	}

	/** The Lease went stale, or the node controller already marked Ready Unknown. */
	static boolean lost(NodeFacts node) {
		return node.found() && (node.leaseStale() || "Unknown".equals(node.readyStatus()));
	}

	static String describe(NodeFacts node) {
		String lease = (node.leaseAge() != null) ? "Lease last renewed " + EvidenceText.ago(node.leaseAge())
				: "no Lease renewal seen";
		String ready = "Ready is " + ((node.readyStatus() != null) ? node.readyStatus() : "not reported");
		if (node.readyReason() != null) {
			ready += " (" + node.readyReason() + ")";
		}
		return lease + ", " + ready;
	}

}
