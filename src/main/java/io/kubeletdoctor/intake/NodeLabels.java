package io.kubeletdoctor.intake;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the node an alert is about from its labels: the first of {@code node},
 * {@code kubernetes_node}, {@code nodename}, {@code exported_node}, {@code hostname}, else the host
 * part of {@code instance}. kube-state-metrics alerts ({@code KubeNode*}) carry the exporter's own
 * {@code instance}, so it is never used for them.
 */
final class NodeLabels {

	static final List<String> NODE_LABELS = List.of("node", "kubernetes_node", "nodename", "exported_node",
			"hostname");

	/** The report's node column: the longest name Kubernetes allows. */
	static final int MAX_STORED = 253;

	private NodeLabels() {
	}

	static Optional<NodeRef> of(Map<String, String> labels) {
		for (String label : NODE_LABELS) {
			String value = labels.get(label);
			if (value != null && !value.isBlank()) {
				return Optional.of(new NodeRef(storable(value.trim()), label));
			}
		}
		String instance = labels.get("instance");
		if (instance == null || instance.isBlank() || fromKubeStateMetrics(labels)) {
			return Optional.empty();
		}
		return Optional.of(new NodeRef(storable(host(instance.trim())), "instance"));
	}

	/**
	 * The value as the report stores it. Labels are not validated here: an invalid node name is
	 * stored and its report rejects it, without dropping the other alerts. Only a value too long for
	 * any node name is cut, ending in a character no node name has, so it stays invalid.
	 */
	static String storable(String name) {
		return (name.length() > MAX_STORED) ? name.substring(0, MAX_STORED - 1) + "\u2026" : name;
	}

	private static boolean fromKubeStateMetrics(Map<String, String> labels) {
		return labels.getOrDefault("alertname", "").startsWith("KubeNode")
				|| labels.getOrDefault("job", "").contains("kube-state-metrics");
	}

	/** {@code 10.0.0.5:10250} to {@code 10.0.0.5}, {@code [fd00::1]:10250} to {@code fd00::1}. */
	static String host(String instance) {
		if (instance.startsWith("[")) {
			int end = instance.indexOf(']');
			return (end > 0) ? instance.substring(1, end) : instance;
		}
		int colon = instance.lastIndexOf(':');
		if (colon > 0 && instance.indexOf(':') == colon) {
			return instance.substring(0, colon);
		}
		return instance;
	}

	/** A node as the alert named it and the label it was taken from. */
	record NodeRef(String name, String label) {
	}

}
