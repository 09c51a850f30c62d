package io.kubeletdoctor.cluster;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How the service reads kubelets directly: connect and request timeouts, at most
 * {@code maxConcurrent} reads at once per cluster (they cost the API server nothing, so the API
 * rate limit does not count them, but a storm must not open thousands of connections), and the CA
 * that kubelet serving certificates must verify against: a PEM file when {@code caFile} is set,
 * else {@code ca.crt} of the {@code kube-root-ca.crt} ConfigMap in kube-system.
 */
public record KubeletApiSettings(Duration connectTimeout, Duration requestTimeout, int maxConcurrent,
		@Nullable String caFile) {

	public static final KubeletApiSettings DEFAULT = new KubeletApiSettings(Duration.ofSeconds(2),
			Duration.ofSeconds(5), 8, null);

	public KubeletApiSettings {
		if (maxConcurrent < 1) {
			throw new IllegalArgumentException("kubelet reads need max-concurrent of at least 1, not " + maxConcurrent);
		}
	}

	public KubeletApiSettings withCaFile(@Nullable String file) {
		return new KubeletApiSettings(this.connectTimeout, this.requestTimeout, this.maxConcurrent, file);
	}

}
