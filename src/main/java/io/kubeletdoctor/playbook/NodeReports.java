package io.kubeletdoctor.playbook;

import io.kubeletdoctor.report.CompletedDiagnosis;

/**
 * The node reports of one cluster-scope report. The engine writes them (open, progress, complete),
 * so a {@link ClusterDiagnosis} only says which nodes to diagnose and never writes the queue.
 */
@FunctionalInterface
public interface NodeReports {

	/**
	 * Diagnoses {@code node} into a node report linked to the cluster report.
	 * @param position where the node stands in the sweep, e.g. "node 2 of 5 (worker-3)", shown
	 * as the cluster report's progress
	 */
	NodeReport diagnose(String node, String position);

	/** A node report, stored and completed. */
	record NodeReport(String reportId, CompletedDiagnosis diagnosis) {
	}

}
