package io.kubeletdoctor.playbook;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.NodeName;
import org.jspecify.annotations.Nullable;

/**
 * Turns the node an alert named into a Node name. Names are used as they are; an {@code instance}
 * value (an address or host name) is matched against node names first and then against every
 * {@code status.addresses[].address}, the only cluster-wide LIST on the single-alert path, and
 * only when the name alone does not match. A value that is no valid node name is not resolved,
 * so it never reaches a request.
 */
final class NodeResolver {

	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

	private NodeResolver() {
	}

	static String resolve(ClusterReader reader, String node, @Nullable String label) {
		boolean validName = NodeName.isValid(node);
		if (!"instance".equals(label) || !(validName || ipv6Literal(node))) {
			// An invalid name is never put into a request; the diagnosis rejects it as input.
			return node;
		}
		try {
			if (!validName) {
				return byAddress(reader.nodes(), node).orElse(node);
			}
			return reader.node(node).isPresent() ? node : byAddress(reader.nodes(), node).orElse(node);
		}
		catch (ClusterAccessException ex) {
			// The node-status step reads the node again and reports what could not be read.
			return node;
		}
	}

	/**
	 * An IPv6 address is no node name (IPv4 ones are), but may still match a node's address; it is
	 * only ever compared with addresses, never sent.
	 */
	private static boolean ipv6Literal(String value) {
		return value.length() <= 45 && value.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(value).matches();
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
