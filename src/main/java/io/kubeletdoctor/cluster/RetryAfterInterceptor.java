package io.kubeletdoctor.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import org.jspecify.annotations.Nullable;

/**
 * Passes the Retry-After of every 429 answer to the reader's {@link ApiThrottle}. fabric8 turns
 * failed answers into exceptions without their headers, so this is the only place the header can
 * be read; and because fabric8 runs failure interceptors before it completes the request, the pause
 * is in place by the time the reader decides to retry. It never asks fabric8 to resend anything.
 */
final class RetryAfterInterceptor implements Interceptor {

	private final ApiThrottle throttle;

	RetryAfterInterceptor(ApiThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
		if (response.code() == 429) {
			parse(response.header("Retry-After"), Clock.systemUTC()).ifPresent(this.throttle::serverAskedToWait);
		}
		return CompletableFuture.completedFuture(false);
	}

	/** Delta seconds (what the API server sends) or an HTTP date; anything else is ignored. */
	static Optional<Duration> parse(@Nullable String retryAfter, Clock clock) {
		if (retryAfter == null || retryAfter.isBlank()) {
			return Optional.empty();
		}
		String value = retryAfter.trim();
		try {
			long seconds = Long.parseLong(value);
			return (seconds >= 0) ? Optional.of(Duration.ofSeconds(Math.min(seconds, 86_400))) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			// not delta seconds, maybe a date
		}
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration until = Duration.between(clock.instant(), at);
			return Optional.of(until.isNegative() ? Duration.ZERO : until);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
