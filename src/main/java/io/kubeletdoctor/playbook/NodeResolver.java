package io.kubeletdoctor.playbook;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.ClusterReader;
import org.jspecify.annotations.Nullable;

/**
 * Turns the node an alert named into a Node name. Names are used as they are; an {@code instance}
 * value (an address or host name) is matched against node names first and then against every
 * {@code status.addresses[].address}, the only cluster-wide LIST on the single-alert path, and
 * only when the name alone does not match.
 */
final class NodeResolver {

	private NodeResolver() {
	}

	static String resolve(ClusterReader reader, String node, @Nullable String label) {
		if (!"instance".equals(label)) {
			return node;
		}
		try {
			return reader.node(node).isPresent() ? node : byAddress(reader.nodes(), node).orElse(node);
		}
		catch (ClusterAccessException ex) {
			// The node-status step reads the node again and reports what could not be read.
			return node;
		}
	}

	static Optional<String> byAddress(List<Node> nodes, String address) {
		for (Node node : nodes) {
			if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
				continue;
			}
			for (NodeAddress candidate : node.getStatus().getAddresses()) {
				if (address.equalsIgnoreCase(candidate.getAddress())) {
					return Optional.of(node.getMetadata().getName());
				}
			}
		}
		return Optional.empty();
	}

}
