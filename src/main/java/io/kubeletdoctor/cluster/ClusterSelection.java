package io.kubeletdoctor.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How an alert finds its cluster, shared by every registry: with one cluster every alert goes to
 * it whatever its labels say; with several, the {@code cluster} label must name one of them.
 */
final class ClusterSelection {

	static final String CLUSTER_LABEL = "cluster";

	private ClusterSelection() {
	}

	static Optional<String> resolve(Set<String> clusterNames, Map<String, String> labels) {
		if (clusterNames.size() == 1) {
			return Optional.of(clusterNames.iterator().next());
		}
		String label = labels.get(CLUSTER_LABEL);
		return (label != null && clusterNames.contains(label)) ? Optional.of(label) : Optional.empty();
	}

}
