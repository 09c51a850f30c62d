package io.kubeletdoctor.playbook;

import java.util.Map;
import java.util.function.Supplier;

import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.diagnosis.Evidence;

/**
 * What a step works with: the node being diagnosed, the cluster reader, the evidence gathered so
 * far, the alert's labels, and the drain-wide cache that lets every node of one drain share the
 * cluster-scoped reads (CSR list, CA bundle, RBAC bindings).
 */
public record StepContext(String cluster, String nodeName, ClusterReader reader, Evidence evidence,
		Map<String, String> alertLabels, SharedEvidence shared) {

	/** The value for {@code key}, read once per drain. */
	public <T> T shared(String key, Supplier<T> read) {
		return this.shared.get(key, read);
	}

}
