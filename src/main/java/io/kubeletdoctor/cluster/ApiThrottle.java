package io.kubeletdoctor.cluster;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The API etiquette of one cluster's reader: every request takes a token from a client-side
 * {@link RateLimit}, and a request the API server throttled (429) or failed (5xx, a dropped
 * connection) is retried a bounded number of times, after the server's {@code Retry-After} when it
 * gave one, else after fabric8's exponential backoff. fabric8 7.8 retries 429 too, but schedules
 * the retry after its own backoff whatever Retry-After says, and its retries would bypass the rate
 * limit; so readers turn fabric8's retries off and retry here. Timeouts are not retried: a request
 * that got no answer in time is not likely to get one sooner the second time.
 */
public final class ApiThrottle {

	static final String INTERCEPTOR = "kubelet-doctor-throttle";

	/** fabric8's default first retry interval, doubled on each further retry. */
	static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMillis(100);

	/** fabric8 stops doubling the interval after five retries. */
	static final int MAX_BACKOFF_EXPONENT = 5;

	/** A Retry-After beyond this is taken as this; past the bounded wait, requests fail rather than wait. */
	static final Duration MAX_PAUSE = Duration.ofMinutes(1);

	private final TokenBucket bucket;

	private final RateLimit limit;

	private final int maxRetries;

	private final Duration retryInterval;

	private final Sleeper sleeper;

	private final ApiRequestMetrics metrics;

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong delayed = new AtomicLong();

	private final AtomicLong waitedNanos = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	/**
	 * @param maxRetries retries of a throttled or failed request, after the first attempt
	 * @param registry where the requests are counted: the application's
	 */
	public ApiThrottle(RateLimit limit, int maxRetries, MeterRegistry registry) {
		this(limit, maxRetries, DEFAULT_RETRY_INTERVAL, System::nanoTime, ApiThrottle::sleepNanos, registry);
	}

	ApiThrottle(RateLimit limit, int maxRetries, Duration retryInterval, LongSupplier ticker, Sleeper sleeper,
			MeterRegistry registry) {
		if (maxRetries < 0) {
			throw new IllegalArgumentException("max-retries must not be negative, not " + maxRetries);
		}
		this.bucket = new TokenBucket(limit, ticker);
		this.limit = limit;
		this.maxRetries = maxRetries;
		this.retryInterval = retryInterval;
		this.sleeper = sleeper;
		this.metrics = new ApiRequestMetrics(registry);
	}

	/**
	 * A throttle that retries as often, and starts from the same interval, as the client's
	 * configuration says, counting its requests in {@code registry}.
	 */
	public static ApiThrottle forClient(RateLimit limit, Config config, MeterRegistry registry) {
		Integer retries = config.getRequestRetryBackoffLimit();
		Integer interval = config.getRequestRetryBackoffInterval();
		return new ApiThrottle(limit, (retries != null) ? Math.max(0, retries) : 0,
				(interval != null && interval >= 0) ? Duration.ofMillis(interval) : DEFAULT_RETRY_INTERVAL,
				System::nanoTime, ApiThrottle::sleepNanos, registry);
	}

	/** As above, for a reader whose requests nobody graphs (a test's): it counts them in a registry of its own. */
	public static ApiThrottle forClient(RateLimit limit, Config config) {
		return forClient(limit, config, new SimpleMeterRegistry());
	}

	/**
	 * Lets this throttle see the API server's 429 answers to a client built with {@code builder}, so
	 * their Retry-After pauses every request of the reader. Without it, node proxy reads still
	 * honour Retry-After (their answers carry it) but other reads only back off.
	 */
	public KubernetesClientBuilder install(KubernetesClientBuilder builder) {
		return builder.withHttpClientBuilderConsumer(
				(http) -> http.addOrReplaceInterceptor(INTERCEPTOR, new RetryAfterInterceptor(this)));
	}

	int maxRetries() {
		return this.maxRetries;
	}

	ApiRequestMetrics metrics() {
		return this.metrics;
	}

	/** What the throttle has done so far, for logs and benchmarks. */
	public Stats stats() {
		return new Stats(this.requests.get(), this.delayed.get(), Duration.ofNanos(this.waitedNanos.get()),
				this.retries.get());
	}

	/**
	 * Runs a fabric8 read (one HTTP request, fabric8's retries off) under the rate limit, retrying
	 * it as the class comment says; the last failure becomes a {@link ClusterAccessException}.
	 */
	<T> T call(ApiCall call, Supplier<T> request) {
		@Nullable KubernetesClientException failed = null;
		for (int attempt = 0;; attempt++) {
			acquire(call, failed);
			try {
				T result = request.get();
				this.metrics.answered(call, 200);
				return result;
			}
			catch (KubernetesClientException ex) {
				this.metrics.failed(call, ex);
				if (attempt >= this.maxRetries || !retryable(ex)) {
					throw ClusterAccessErrors.from(call, ex);
				}
				failed = ex;
				retrying(call, attempt);
			}
		}
	}

	/**
	 * Waits for a token. Before a retry, a wait beyond the bound reports the failure being retried,
	 * which says more than the wait itself (e.g. the 429 whose Retry-After is too long).
	 */
	void acquire(ApiCall call, @Nullable KubernetesClientException retrying) {
		TokenBucket.Reservation reservation = this.bucket.reserve();
		if (!reservation.granted()) {
			this.metrics.rateLimited(call);
			if (retrying != null) {
				throw ClusterAccessErrors.from(call, retrying);
			}
			throw new ClusterAccessException(0, call.describe() + ": client-side rate limit wait exceeded (the next "
					+ "request may go in " + millis(reservation.waitNanos()) + " ms; at most "
					+ this.limit.maxWait().toMillis() + " ms of waiting are allowed)", null);
		}
		this.requests.incrementAndGet();
		if (reservation.waitNanos() > 0) {
			this.delayed.incrementAndGet();
			this.waitedNanos.addAndGet(reservation.waitNanos());
			sleep(call, reservation.waitNanos());
		}
	}

	/** Before retry {@code attempt} (0 for the first): fabric8's backoff, 100, 200, 400 ms... up to 3.2 s. */
	void retrying(ApiCall call, int attempt) {
		this.retries.incrementAndGet();
		long interval = this.retryInterval.toNanos() << Math.min(attempt, MAX_BACKOFF_EXPONENT);
		if (interval > 0) {
			sleep(call, interval);
		}
	}

	/** The API server asked for a pause (Retry-After of a 429): no request of this reader goes before it ends. */
	void serverAskedToWait(Duration pause) {
		this.bucket.pause((pause.compareTo(MAX_PAUSE) > 0) ? MAX_PAUSE : pause);
	}

	static boolean retryable(KubernetesClientException ex) {
		int code = ex.getCode();
		if (code == 429 || code >= 500) {
			return true;
		}
		return code <= 0 && causedBy(ex, IOException.class) && !ClusterAccessErrors.isTimeout(ex)
				&& !causedBy(ex, CertificateException.class) && !causedBy(ex, SSLPeerUnverifiedException.class);
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private void sleep(ApiCall call, long nanos) {
		try {
			this.sleeper.sleep(nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterAccessException(0, call.describe() + " interrupted while waiting to be sent", ex);
		}
	}

	private static void sleepNanos(long nanos) throws InterruptedException {
		TimeUnit.NANOSECONDS.sleep(nanos);
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	/**
	 * @param requests requests let through (retries included)
	 * @param delayed how many of them had to wait for a token
	 * @param waited their waits added up
	 * @param retries retries of throttled or failed requests
	 */
	public record Stats(long requests, long delayed, Duration waited, long retries) {
	}

	@FunctionalInterface
	interface Sleeper {

		void sleep(long nanos) throws InterruptedException;

	}

}
