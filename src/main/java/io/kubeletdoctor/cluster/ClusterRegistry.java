package io.kubeletdoctor.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured clusters. An alert's {@code cluster} label selects one; with a single cluster
 * configured every alert goes to it.
 */
public interface ClusterRegistry {

	Set<String> clusterNames();

	/** The cluster an alert belongs to, or empty when its {@code cluster} label names no configured one. */
	Optional<String> resolve(Map<String, String> labels);

	ClusterReader reader(String clusterName);

}
