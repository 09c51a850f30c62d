package io.kubeletdoctor.cluster;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.DaemonEndpoint;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeStatus;
import org.jspecify.annotations.Nullable;

/**
 * Where a node's kubelet listens, read from the Node object only (never from an alert): the
 * InternalIP first, as the API server and Prometheus reach it, else the ExternalIP, else the
 * Hostname, and {@code status.daemonEndpoints.kubeletEndpoint.Port} (capital P in the JSON).
 */
public record KubeletEndpoint(String host, int port) {

	private static final List<String> ADDRESS_PREFERENCE = List.of("InternalIP", "ExternalIP", "Hostname");

	public static Optional<KubeletEndpoint> of(@Nullable NodeStatus status) {
		String host = address(status);
		Integer port = port(status);
		return (host != null && port != null) ? Optional.of(new KubeletEndpoint(host, port)) : Optional.empty();
	}

	public static @Nullable String address(@Nullable NodeStatus status) {
		List<NodeAddress> addresses = (status != null && status.getAddresses() != null) ? status.getAddresses()
				: List.of();
		for (String type : ADDRESS_PREFERENCE) {
			Optional<String> address = addresses.stream()
				.filter((a) -> type.equals(a.getType()) && a.getAddress() != null && !a.getAddress().isBlank())
				.map(NodeAddress::getAddress)
				.findFirst();
			if (address.isPresent()) {
				return address.get();
			}
		}
		return null;
	}

	/** Null when absent or 0: the kubelet never reported it. */
	public static @Nullable Integer port(@Nullable NodeStatus status) {
		DaemonEndpoint endpoint = (status != null && status.getDaemonEndpoints() != null)
				? status.getDaemonEndpoints().getKubeletEndpoint() : null;
		Integer port = (endpoint != null) ? endpoint.getPort() : null;
		return (port != null && port > 0) ? port : null;
	}

}
