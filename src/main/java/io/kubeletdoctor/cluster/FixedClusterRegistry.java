package io.kubeletdoctor.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A registry over readers that already exist: the demo cluster, and tests that bring their own
 * readers. Resolution follows the same rules as the configured registry.
 */
public final class FixedClusterRegistry implements ClusterRegistry {

	private final Map<String, ClusterReader> readers;

	public FixedClusterRegistry(List<? extends ClusterReader> readers) {
		if (readers.isEmpty()) {
			throw new IllegalArgumentException("At least one cluster reader is needed");
		}
		Map<String, ClusterReader> byName = new LinkedHashMap<>();
		readers.forEach((reader) -> byName.put(reader.clusterName(), reader));
		this.readers = Collections.unmodifiableMap(byName);
	}

	@Override
	public Set<String> clusterNames() {
		return this.readers.keySet();
	}

	@Override
	public Optional<String> resolve(Map<String, String> labels) {
		return ClusterSelection.resolve(clusterNames(), labels);
	}

	@Override
	public ClusterReader reader(String clusterName) {
		ClusterReader reader = this.readers.get(clusterName);
		if (reader == null) {
			throw new IllegalArgumentException("No cluster named '" + clusterName + "'; known: " + clusterNames());
		}
		return reader;
	}

}
