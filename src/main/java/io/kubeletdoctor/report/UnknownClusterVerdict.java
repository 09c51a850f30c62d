package io.kubeletdoctor.report;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;

/**
 * The verdict on an alert whose {@code cluster} label names no configured cluster, given at intake
 * without a drain: queueing it would give every value an alert can carry a drain job of its own.
 * The cluster's state is unknown, so it is UNDETERMINED with a title that says why.
 */
final class UnknownClusterVerdict {

	static final String PLAYBOOK = "none";

	static final String TITLE = "Unknown cluster: the alert's cluster label names no configured cluster";

	/** Enough of the value to recognise it; the rest of an over-long value adds nothing. */
	private static final int SHOWN = 100;

	private UnknownClusterVerdict() {
	}

	static CompletedDiagnosis of(String cluster, Set<String> configured) {
		String shown = LogText.escape((cluster.length() > SHOWN) ? cluster.substring(0, SHOWN) + "…" : cluster);
		String names = String.join(", ", new TreeSet<>(configured));
		Finding finding = new Finding(RootCauseCode.UNDETERMINED, TITLE, Confidence.HIGH,
				"The alert's cluster label \"" + shown + "\" names no configured cluster (configured: " + names
						+ "). No cluster was read and no step ran; fix the label in the alert rule or relabelling,"
						+ " or configure the cluster.",
				List.of("Cluster label value (" + cluster.length() + " characters): \"" + shown + "\"",
						"Configured clusters: " + names),
				"A cluster label that names a configured cluster.",
				List.of(new Remediation("Configure the cluster (then send the alert again)",
						List.of("kubelet-doctor.clusters.<name>.kubeconfig=/etc/kubelet-doctor/<name>.kubeconfig"))));
		return new CompletedDiagnosis(null, PLAYBOOK, finding, List.of(), List.of(), List.of(), List.of(), null);
	}

}
