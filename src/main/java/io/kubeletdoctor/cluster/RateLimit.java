package io.kubeletdoctor.cluster;

import java.time.Duration;

/**
 * The client-side limit on API requests to one cluster: a token bucket holding {@code burst}
 * tokens, refilled at {@code requestsPerSecond}. A request waits for a token at most
 * {@code maxWait}, then fails rather than holding a diagnosis indefinitely.
 */
public record RateLimit(double requestsPerSecond, int burst, Duration maxWait) {

	/** Polite to a shared API server and still enough for one node's handful of reads without waiting. */
	public static final RateLimit DEFAULT = new RateLimit(10, 20, Duration.ofSeconds(10));

	public RateLimit {
		if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
			throw new IllegalArgumentException("requests-per-second must be a positive number, not " + requestsPerSecond);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("burst must be at least 1, not " + burst);
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("max-wait must not be negative, not " + maxWait);
		}
	}

	public RateLimit(double requestsPerSecond, int burst) {
		this(requestsPerSecond, burst, DEFAULT.maxWait());
	}

}
