package io.kubeletdoctor.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts messages on two threads of its own, so neither the webhook nor the drain ever waits for a
 * chat endpoint. A post that times out, or answers 5xx, 408 or 429, is retried with a doubling
 * backoff (at least as long as a 429's Retry-After); any other answer is final. Failures are logged
 * with the status and never propagate. At most {@code queueCapacity} pieces of work wait at once:
 * beyond that new work is dropped and logged, so a chat outage in an alert storm cannot eat memory.
 */
final class Deliveries implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Deliveries.class);

	private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);

	private static final int EXCERPT = 300;

	private final HttpClient http;

	private final ScheduledThreadPoolExecutor executor;

	private final AtomicInteger pending = new AtomicInteger();

	private final Duration timeout;

	private final int maxAttempts;

	private final Duration backoff;

	private final int capacity;

	private final MeterRegistry registry;

	Deliveries(NotifyProperties properties, MeterRegistry registry) {
		this.registry = registry;
		this.timeout = properties.timeout();
		this.maxAttempts = properties.maxAttempts();
		this.backoff = properties.backoff();
		this.capacity = properties.queueCapacity();
		this.http = HttpClient.newBuilder()
			.connectTimeout(this.timeout)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.executor = new ScheduledThreadPoolExecutor(2, threads());
		this.executor.setRemoveOnCancelPolicy(true);
	}

	/** Runs work off the caller's thread; false, and nothing runs, when too much work is waiting. */
	boolean submit(Runnable work) {
		if (this.pending.incrementAndGet() > this.capacity) {
			this.pending.decrementAndGet();
			return false;
		}
		schedule(work, Duration.ZERO);
		return true;
	}

	/** Posts a rendered message to a route, retrying as described above. */
	void deliver(NotificationRoute route, String reportId, String body) {
		Post post = new Post(route, reportId, body);
		if (!submit(() -> attempt(post, 1))) {
			count(post, "dropped");
			logger.warn("Dropped the notification of report {} to {}: the queue is full"
					+ " (kubelet-doctor.notify.queue-capacity={})", reportId, route, this.capacity);
		}
	}

	/** Work waiting or running, retries included. */
	int pending() {
		return this.pending.get();
	}

	private void attempt(Post post, int attempt) {
		Duration retryAfter;
		String outcome;
		try {
			HttpResponse<InputStream> response = this.http.send(request(post), HttpResponse.BodyHandlers.ofInputStream());
			int status = response.statusCode();
			String excerpt = excerpt(response.body());
			if (status >= 200 && status < 300) {
				logger.debug("Notified {} of report {} (HTTP {})", post.route(), post.reportId(), status);
				count(post, "delivered");
				return;
			}
			outcome = "HTTP " + status + (excerpt.isEmpty() ? "" : " (" + excerpt + ")");
			if (!retryable(status)) {
				logger.error("Notifying {} of report {} failed with {}; not retried", post.route(), post.reportId(),
						outcome);
				count(post, "rejected");
				return;
			}
			retryAfter = (status == 429) ? retryAfter(response).orElse(Duration.ZERO) : Duration.ZERO;
		}
		catch (IOException ex) {
			outcome = ex.toString();
			retryAfter = Duration.ZERO;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		if (attempt >= this.maxAttempts) {
			logger.error("Notifying {} of report {} failed with {}; gave up after {} attempts", post.route(),
					post.reportId(), outcome, attempt);
			count(post, "gave_up");
			return;
		}
		Duration delay = max(this.backoff.multipliedBy(1L << Math.min(attempt - 1, 16)), retryAfter);
		logger.warn("Notifying {} of report {} failed with {} (attempt {} of {}); retrying in {} ms", post.route(),
				post.reportId(), outcome, attempt, this.maxAttempts, delay.toMillis());
		this.pending.incrementAndGet();
		schedule(() -> attempt(post, attempt + 1), delay);
	}

	/**
	 * {@code kubelet_doctor_chat_messages_total{route,outcome}}: delivered, rejected (a final 4xx),
	 * gave_up (retries exhausted) or dropped (queue full).
	 */
	private void count(Post post, String outcome) {
		this.registry.counter("kubelet.doctor.chat.messages", "route", post.route().name(), "outcome", outcome).increment();
	}

	private HttpRequest request(Post post) {
		HttpRequest.Builder request = HttpRequest.newBuilder(post.route().target())
			.timeout(this.timeout)
			.header("Content-Type", "application/json; charset=utf-8")
			.header("User-Agent", "kubelet-doctor")
			.POST(HttpRequest.BodyPublishers.ofString(post.body(), StandardCharsets.UTF_8));
		post.route().headers().forEach(request::header);
		return request.build();
	}

	private void schedule(Runnable work, Duration delay) {
		Runnable counted = () -> {
			try {
				work.run();
			}
			catch (RuntimeException ex) {
				logger.error("Notification work failed", ex);
			}
			finally {
				this.pending.decrementAndGet();
			}
		};
		try {
			this.executor.schedule(counted, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// shutting down: what is not sent now is not sent
			this.pending.decrementAndGet();
		}
	}

	private static boolean retryable(int status) {
		return status >= 500 || status == 408 || status == 429;
	}

	private static Optional<Duration> retryAfter(HttpResponse<?> response) {
		return response.headers().firstValue("Retry-After").flatMap((value) -> {
			try {
				return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		}).map((after) -> (after.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : after);
	}

	/** The start of the answer (Slack says "invalid_blocks", Teams names the bad field), for the log. */
	private static String excerpt(InputStream body) throws IOException {
		try (body) {
			String text = new String(body.readNBytes(EXCERPT), StandardCharsets.UTF_8).strip();
			return text.replaceAll("\\s+", " ");
		}
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private static ThreadFactory threads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "notify-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** Gives waiting work and retries five seconds at shutdown, then drops what is left. */
	@Override
	public void close() {
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(5, TimeUnit.SECONDS)) {
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.executor.shutdownNow();
		}
	}

	private record Post(NotificationRoute route, String reportId, String body) {
	}

}
