package io.kubeletdoctor.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ApiThrottleTests {

	private static final ApiCall GET_NODE = ApiCall.get("nodes", null, null, "worker-1");

	private final FakeTime time = new FakeTime();

	@Test
	void requestsBeyondTheBurstWaitForTheirToken() {
		ApiThrottle throttle = this.time.throttle(new RateLimit(10, 2), 2);

		for (int i = 0; i < 4; i++) {
			throttle.call(GET_NODE, () -> "ok");
		}

		assertThat(this.time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
		assertThat(throttle.stats()).isEqualTo(new ApiThrottle.Stats(4, 2, Duration.ofMillis(200), 0));
	}

	@Test
	void requestsAreCountedByOutcomeInTheRegistryTheThrottleWasGiven() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ApiThrottle throttle = this.time.throttle(new RateLimit(100, 100), 0, registry);

		throttle.call(GET_NODE, () -> "ok");
		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> throttle.call(GET_NODE, () -> {
			throw failure(403);
		}));

		assertThat(count(registry, "success")).isEqualTo(1);
		assertThat(count(registry, "forbidden")).isEqualTo(1);
	}

	@Test
	void aWaitBeyondTheBoundFailsWithStatusZero() {
		ApiThrottle throttle = this.time.throttle(new RateLimit(1, 1, Duration.ofMillis(500)), 2);
		throttle.call(GET_NODE, () -> "ok");

		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> throttle.call(GET_NODE, () -> "ok"))
			.satisfies((ex) -> {
				assertThat(ex.status()).isZero();
				assertThat(ex.getMessage()).startsWith("get nodes worker-1: client-side rate limit wait exceeded");
			});
		assertThat(this.time.sleeps()).isEmpty();
	}

	@Test
	void throttledAndFailedRequestsAreRetriedAfterTheBackoff() {
		ApiThrottle throttle = this.time.throttle(new RateLimit(100, 100), 2);
		AtomicInteger attempts = new AtomicInteger();

		String answer = throttle.call(GET_NODE, () -> {
			int attempt = attempts.incrementAndGet();
			if (attempt == 1) {
				throw failure(429);
			}
			if (attempt == 2) {
				throw failure(503);
			}
			return "ok";
		});

		assertThat(answer).isEqualTo("ok");
		assertThat(this.time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
		assertThat(throttle.stats().retries()).isEqualTo(2);
	}

	@Test
	void retriesStopAtTheConfiguredNumberAndTheLastFailureIsReported() {
		ApiThrottle throttle = this.time.throttle(new RateLimit(100, 100), 2);
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> throttle.call(GET_NODE, () -> {
			attempts.incrementAndGet();
			throw failure(429);
		})).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(429);
			assertThat(ex.getMessage()).startsWith("throttled: get nodes worker-1");
		});
		assertThat(attempts).hasValue(3);
	}

	@Test
	void aRetryAfterPausesTheNextAttemptAndEveryOtherRequest() {
		ApiThrottle throttle = this.time.throttle(new RateLimit(100, 100), 2);
		AtomicInteger attempts = new AtomicInteger();

		throttle.call(GET_NODE, () -> {
			if (attempts.incrementAndGet() == 1) {
				throttle.serverAskedToWait(Duration.ofSeconds(3));
				throw failure(429);
			}
			return "ok";
		});

		assertThat(this.time.slept()).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.time.sleeps()).as("the backoff, then the rest of the pause")
			.containsExactly(Duration.ofMillis(100), Duration.ofMillis(2900));
	}

	@Test
	void aRetryAfterBeyondTheBoundReportsTheThrottlingAtOnce() {
		ApiThrottle throttle = this.time.throttle(new RateLimit(100, 100, Duration.ofSeconds(2)), 2);
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> throttle.call(GET_NODE, () -> {
			attempts.incrementAndGet();
			throttle.serverAskedToWait(Duration.ofSeconds(30));
			throw failure(429);
		})).satisfies((ex) -> assertThat(ex.status()).isEqualTo(429));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void retryAfterIsTakenAtMostForAMinute() {
		ApiThrottle throttle = this.time.throttle(new RateLimit(100, 100, Duration.ofHours(1)), 0);

		throttle.serverAskedToWait(Duration.ofHours(2));
		throttle.call(GET_NODE, () -> "ok");

		assertThat(this.time.slept()).isEqualTo(ApiThrottle.MAX_PAUSE);
	}

	@Test
	void onlyThrottlingServerErrorsAndDroppedConnectionsAreRetried() {
		assertThat(ApiThrottle.retryable(failure(429))).isTrue();
		assertThat(ApiThrottle.retryable(failure(500))).isTrue();
		assertThat(ApiThrottle.retryable(failure(503))).isTrue();
		assertThat(ApiThrottle.retryable(failure(403))).isFalse();
		assertThat(ApiThrottle.retryable(failure(404))).isFalse();
		assertThat(ApiThrottle.retryable(new KubernetesClientException("connect failed",
				new ConnectException("Connection refused")))).isTrue();
		assertThat(ApiThrottle.retryable(new KubernetesClientException("timed out", new TimeoutException())))
			.isFalse();
		assertThat(ApiThrottle.retryable(new KubernetesClientException("read timed out",
				new IOException("Read timed out")))).isFalse();
	}

	@Test
	void retryAfterIsReadAsSecondsOrAsADate() {
		Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
		String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.parse("2026-03-01T12:00:10Z"));

		assertThat(RetryAfterInterceptor.parse("2", clock)).contains(Duration.ofSeconds(2));
		assertThat(RetryAfterInterceptor.parse(" 0 ", clock)).contains(Duration.ZERO);
		assertThat(RetryAfterInterceptor.parse(inTenSeconds, clock)).contains(Duration.ofSeconds(10));
		assertThat(RetryAfterInterceptor.parse("Sun, 01 Mar 2026 11:00:00 GMT", clock)).contains(Duration.ZERO);
		assertThat(RetryAfterInterceptor.parse("soon", clock)).isEmpty();
		assertThat(RetryAfterInterceptor.parse("-1", clock)).isEmpty();
		assertThat(RetryAfterInterceptor.parse(null, clock)).isEmpty();
	}

	private static KubernetesClientException failure(int code) {
		return new KubernetesClientException("HTTP " + code, code,
				new StatusBuilder().withCode(code).withMessage("simulated " + code).build());
	}

	private static double count(SimpleMeterRegistry registry, String outcome) {
		return registry.get(ApiRequestMetrics.NAME)
			.tags("resource", "nodes", "verb", "get", "outcome", outcome)
			.counter()
			.count();
	}

}
