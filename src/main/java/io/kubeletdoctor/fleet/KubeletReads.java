package io.kubeletdoctor.fleet;

import java.util.concurrent.atomic.AtomicInteger;

import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.KubeletEndpoint;
import io.kubeletdoctor.cluster.KubeletHandshake;
import io.kubeletdoctor.cluster.KubeletResponse;
import io.kubeletdoctor.cluster.KubeletTransport;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.step.KubeletConfigz;
import io.kubeletdoctor.step.KubeletMetricsParser;
import org.jspecify.annotations.Nullable;

/**
 * Every read the fleet scan makes of a kubelet, in one place: the TLS handshake with the port the
 * Node object names, and {@code /configz} and {@code /metrics}, parsed by the same parsers as the
 * playbook's kubelet step. Each read answers either a value or what went wrong, never throws.
 */
final class KubeletReads {

	private final ClusterReader reader;

	private final AtomicInteger apiRequests;

	/** @param apiRequests counts the reads that went through the API server's node proxy */
	KubeletReads(ClusterReader reader, AtomicInteger apiRequests) {
		this.reader = reader;
		this.apiRequests = apiRequests;
	}

	KubeletHandshake handshake(KubeletEndpoint endpoint) {
		return this.reader.handshake(endpoint.host(), endpoint.port());
	}

	Read<KubeletConfigz> configz(String node, KubeletEndpoint endpoint) {
		Read<String> body = get(node, endpoint, "configz");
		if (body.value() == null) {
			return new Read<>(null, body.problem());
		}
		try {
			return new Read<>(KubeletConfigz.parse(body.value()), null);
		}
		catch (IllegalArgumentException ex) {
			return new Read<>(null, ex.getMessage());
		}
	}

	Read<KubeletMetricsFacts> metrics(String node, KubeletEndpoint endpoint) {
		Read<String> body = get(node, endpoint, "metrics");
		return (body.value() != null) ? new Read<>(KubeletMetricsParser.parse(body.value()), null)
				: new Read<>(null, body.problem());
	}

	private Read<String> get(String node, KubeletEndpoint endpoint, String path) {
		try {
			KubeletResponse response = this.reader.kubelet(node, endpoint, path);
			if (response.transport() == KubeletTransport.NODE_PROXY) {
				this.apiRequests.incrementAndGet();
			}
			return response.ok() ? new Read<>(response.body(), null) : new Read<>(null, "HTTP " + response.status());
		}
		catch (ClusterAccessException ex) {
			return new Read<>(null, String.valueOf(ex.getMessage()));
		}
	}

	/** A value, or why there is none. */
	record Read<T>(@Nullable T value, @Nullable String problem) {
	}

}
