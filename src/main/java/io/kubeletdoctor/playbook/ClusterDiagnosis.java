package io.kubeletdoctor.playbook;

import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.report.CompletedDiagnosis;

/**
 * Diagnoses a report that names no node (an alert such as {@code KubeletDown}, or a notification
 * whose alerts Alertmanager truncated) by finding the nodes worth a diagnosis. The engine finds it
 * as a bean, as it finds the steps, so this package never depends on how the nodes are picked.
 */
public interface ClusterDiagnosis {

	/**
	 * Picks the nodes to diagnose, has {@code nodes} diagnose each into a node report of its own,
	 * and gives the cluster a verdict from theirs.
	 */
	CompletedDiagnosis diagnose(Playbook playbook, ClusterReader reader, NodeReports nodes);

}
