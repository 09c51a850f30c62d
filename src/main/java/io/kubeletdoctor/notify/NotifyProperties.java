package io.kubeletdoctor.notify;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where chat notifications go ({@code kubelet-doctor.notify.routes[n]}) and how patient delivery is.
 * The routes are checked at start by {@link NotificationRoutes}: a route that cannot work stops the
 * service instead of failing silently at 3 a.m.
 *
 * @param routes the routes; none means no notification is sent
 * @param timeout connect and response timeout of each post, short so a slow endpoint costs little
 * @param maxAttempts posts per message before giving up (the first one included)
 * @param backoff the wait before the first retry, doubled for each further one
 * @param queueCapacity messages waiting or being retried beyond which new ones are dropped (and
 * logged), so a chat outage during an alert storm cannot exhaust memory
 */
@ConfigurationProperties("kubelet-doctor.notify")
record NotifyProperties(List<Route> routes, Duration timeout, int maxAttempts, Duration backoff, int queueCapacity) {

	NotifyProperties(@Nullable List<Route> routes, @DefaultValue("5s") Duration timeout,
			@DefaultValue("4") int maxAttempts, @DefaultValue("2s") Duration backoff,
			@DefaultValue("1000") int queueCapacity) {
		require(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		require(maxAttempts >= 1, "max-attempts must be at least 1");
		require(!backoff.isNegative(), "backoff must not be negative");
		require(queueCapacity >= 1, "queue-capacity must be at least 1");
		this.routes = (routes != null) ? List.copyOf(routes) : List.of();
		this.timeout = timeout;
		this.maxAttempts = maxAttempts;
		this.backoff = backoff;
		this.queueCapacity = queueCapacity;
	}

	private static void require(boolean valid, String problem) {
		if (!valid) {
			throw new IllegalArgumentException("kubelet-doctor.notify." + problem);
		}
	}

	/**
	 * One route as configured. Empty filter lists match everything; a report must pass every
	 * filter that is set.
	 *
	 * @param name shown in logs
	 * @param type {@code slack}, {@code teams} or {@code webhook}
	 * @param url the endpoint; it holds a secret in Slack and Teams, so prefer {@code urlFile}
	 * @param urlFile a file holding the endpoint (a mounted Kubernetes Secret), read at start
	 * @param alertnames only reports of these alerts
	 * @param rootCauses only reports with one of these root-cause codes
	 * @param clusters only reports of these clusters
	 * @param headers extra request headers, such as an {@code Authorization} for a generic webhook
	 */
	record Route(@Nullable String name, @Nullable String type, @Nullable String url, @Nullable String urlFile,
			List<String> alertnames, List<String> rootCauses, List<String> clusters, Map<String, String> headers) {

		Route(@Nullable String name, @Nullable String type, @Nullable String url, @Nullable String urlFile,
				@Nullable List<String> alertnames, @Nullable List<String> rootCauses, @Nullable List<String> clusters,
				@Nullable Map<String, String> headers) {
			this.name = name;
			this.type = type;
			this.url = url;
			this.urlFile = urlFile;
			this.alertnames = (alertnames != null) ? List.copyOf(alertnames) : List.of();
			this.rootCauses = (rootCauses != null) ? List.copyOf(rootCauses) : List.of();
			this.clusters = (clusters != null) ? List.copyOf(clusters) : List.of();
			this.headers = (headers != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(headers)) : Map.of();
		}

		/** Without the URL and header values: both may be secrets. */
		@Override
		public String toString() {
			return "Route[name=" + this.name + ", type=" + this.type + ", alertnames=" + this.alertnames
					+ ", rootCauses=" + this.rootCauses + ", clusters=" + this.clusters + ", headers="
					+ this.headers.keySet() + "]";
		}

	}

}
