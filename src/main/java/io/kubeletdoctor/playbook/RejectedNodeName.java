package io.kubeletdoctor.playbook;

import java.util.List;

import io.kubeletdoctor.cluster.NodeName;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.report.LogText;

/**
 * The verdict on an alert whose node label is no Kubernetes node name: rejected input, diagnosed
 * without a single API request. There is no root-cause code for it, the node's state being unknown,
 * so it is UNDETERMINED with a title that says why.
 */
final class RejectedNodeName {

	static final String TITLE = "Rejected input: the alert's node label is not a valid Kubernetes node name";

	static final String STEP_SUMMARY = "Skipped: the alert's node label is not a valid Kubernetes node name";

	/** Enough of the value to recognise it; the rest of an over-long value adds nothing. */
	private static final int SHOWN = 100;

	private RejectedNodeName() {
	}

	static Finding finding(String node) {
		String shown = shown(node);
		return new Finding(RootCauseCode.UNDETERMINED, TITLE, Confidence.HIGH,
				"Rejected input: the alert's node label \"" + shown + "\" is not a valid Kubernetes node name"
						+ " (a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most "
						+ NodeName.MAX_LENGTH + " characters). It was not sent to the Kubernetes API and no step"
						+ " ran; fix the alert rule or relabelling that sets the label.",
				List.of("Node label value (" + node.length() + " characters): \"" + shown + "\""),
				"A node label that is a valid Kubernetes node name.",
				List.of(new Remediation("Compare the label with the cluster's node names",
						List.of("kubectl get nodes -o name"))));
	}

	/** Control characters escaped and the length bounded, for a report, a message or a log line. */
	static String shown(String node) {
		String shortened = (node.length() > SHOWN) ? node.substring(0, SHOWN) + "…" : node;
		return LogText.escape(shortened);
	}

}
