package io.kubeletdoctor.cluster;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clusters to diagnose ({@code kubelet-doctor.clusters.<name>.kubeconfig} / {@code .context};
 * none means fabric8's own discovery under the name {@code default}) and how patient the API
 * client and the kubelet handshake are. Diagnosis is interactive, so the defaults fail fast.
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
	 * One cluster: a kubeconfig file (fabric8's discovery when absent) and a context in it (its
	 * current context when absent).
	 */
	record ClusterSettings(@Nullable String kubeconfig, @Nullable String context) {
	}

	/** Request timeout, connection timeout and retries of 5xx/429/IO failures (fabric8's backoff). */
	record ApiClient(@DefaultValue("5s") Duration requestTimeout, @DefaultValue("3s") Duration connectionTimeout,
			@DefaultValue("2") int maxRetries) {
	}

	/** Timeouts of the TLS handshake with kubelet ports. */
	record KubeletTls(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("3s") Duration readTimeout) {
	}

}
