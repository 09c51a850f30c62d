package io.kubeletdoctor.cluster;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clusters to diagnose ({@code kubelet-doctor.clusters.<name>.kubeconfig} / {@code .context};
 * none means fabric8's own discovery under the name {@code default}) and how patient the API
 * client and the kubelet handshake are. Diagnosis is interactive, so the defaults fail fast. The
 * client-side rate limit ({@code kubelet-doctor.api-client.rate-limit.*}) applies to each cluster
 * unless the cluster sets its own ({@code kubelet-doctor.clusters.<name>.rate-limit.*}).
 */
@ConfigurationProperties("kubelet-doctor")
record ClusterProperties(Map<String, ClusterSettings> clusters, ApiClient apiClient, KubeletTls kubeletTls) {

	ClusterProperties(@Nullable Map<String, ClusterSettings> clusters, @DefaultValue ApiClient apiClient,
			@DefaultValue KubeletTls kubeletTls) {
		this.clusters = Collections.unmodifiableMap(new LinkedHashMap<>((clusters != null) ? clusters : Map.of()));
		this.apiClient = apiClient;
		this.kubeletTls = kubeletTls;
	}

	/**
	 * One cluster: a kubeconfig file (fabric8's discovery when absent), a context in it (its
	 * current context when absent), its own rate limit where it differs from the default, and the
	 * PEM file of the CA that signs its kubelets' serving certificates where that is not the
	 * cluster CA of {@code kube-system/kube-root-ca.crt}.
	 */
	record ClusterSettings(@Nullable String kubeconfig, @Nullable String context,
			@Nullable ClusterRateLimit rateLimit, @Nullable String kubeletCaFile) {

		@ConstructorBinding
		ClusterSettings {
		}

		ClusterSettings(@Nullable String kubeconfig, @Nullable String context) {
			this(kubeconfig, context, null, null);
		}

		ClusterSettings(@Nullable String kubeconfig, @Nullable String context, @Nullable ClusterRateLimit rateLimit) {
			this(kubeconfig, context, rateLimit, null);
		}

		RateLimit rateLimit(RateLimit defaults) {
			return (this.rateLimit != null) ? this.rateLimit.over(defaults) : defaults;
		}

	}

	/** A cluster's own requests per second and burst; what it leaves out comes from the default. */
	record ClusterRateLimit(@Nullable Double requestsPerSecond, @Nullable Integer burst) {

		RateLimit over(RateLimit defaults) {
			return new RateLimit((this.requestsPerSecond != null) ? this.requestsPerSecond : defaults.requestsPerSecond(),
					(this.burst != null) ? this.burst : defaults.burst(), defaults.maxWait());
		}

	}

	/**
	 * Request timeout, connection timeout, retries of 5xx/429/IO failures (after Retry-After, else
	 * fabric8's backoff) and the default client-side rate limit.
	 */
	record ApiClient(@DefaultValue("5s") Duration requestTimeout, @DefaultValue("3s") Duration connectionTimeout,
			@DefaultValue("2") int maxRetries, @DefaultValue RateLimitSettings rateLimit) {

		@ConstructorBinding
		ApiClient {
		}

		ApiClient(Duration requestTimeout, Duration connectionTimeout, int maxRetries) {
			this(requestTimeout, connectionTimeout, maxRetries, new RateLimitSettings(RateLimit.DEFAULT.requestsPerSecond(),
					RateLimit.DEFAULT.burst(), RateLimit.DEFAULT.maxWait()));
		}

	}

	/**
	 * At most {@code burst} requests at once and {@code requestsPerSecond} on average per cluster; a
	 * request waits at most {@code maxWait} for its turn (or for a Retry-After to end), then fails.
	 */
	record RateLimitSettings(@DefaultValue("10") double requestsPerSecond, @DefaultValue("20") int burst,
			@DefaultValue("10s") Duration maxWait) {

		RateLimit toRateLimit() {
			return new RateLimit(this.requestsPerSecond, this.burst, this.maxWait);
		}

	}

	/**
	 * Timeouts of the TLS handshake with kubelet ports, and of direct kubelet reads
	 * ({@code request-timeout}), of which at most {@code max-concurrent} run at once per cluster.
	 */
	record KubeletTls(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("3s") Duration readTimeout,
			@DefaultValue("5s") Duration requestTimeout, @DefaultValue("8") int maxConcurrent) {

		@ConstructorBinding
		KubeletTls {
		}

		KubeletTls(Duration connectTimeout, Duration readTimeout) {
			this(connectTimeout, readTimeout, KubeletApiSettings.DEFAULT.requestTimeout(),
					KubeletApiSettings.DEFAULT.maxConcurrent());
		}

		KubeletApiSettings kubeletApi(@Nullable String caFile) {
			return new KubeletApiSettings(this.connectTimeout, this.requestTimeout, this.maxConcurrent, caFile);
		}

	}

}
