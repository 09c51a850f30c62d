package io.kubeletdoctor.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.kubeletdoctor.report.LogText;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/alerts}: the Alertmanager webhook. Answers 202 only once the notification
 * and its reports are committed; never waits for a diagnosis.
 */
@RestController
class AlertmanagerWebhookController {

	static final String PATH = "/api/v1/alerts";

	/** How long colliding deliveries are retried before the webhook answers 503 (Alertmanager retries then). */
	static final Duration CONTENTION_BUDGET = Duration.ofSeconds(5);

	private static final int MIN_DUPLICATE_ATTEMPTS = 8;

	private final AlertmanagerPayloadParser parser;

	private final NotificationIntake intake;

	private final WebhookProperties properties;

	AlertmanagerWebhookController(AlertmanagerPayloadParser parser, NotificationIntake intake,
			WebhookProperties properties) {
		this.parser = parser;
		this.intake = intake;
		this.properties = properties;
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AcceptedNotification> receive(HttpServletRequest request) throws IOException {
		// From the header: the servlet's own request encoding is forced to UTF-8 by the encoding filter.
		String charset = MediaType.parseMediaType(request.getContentType()).getParameter("charset");
		charset = (charset != null) ? charset.replace("\"", "") : null;
		if (charset != null && !StandardCharsets.UTF_8.name().equalsIgnoreCase(charset)
				&& !"utf8".equalsIgnoreCase(charset)) {
			throw new InvalidPayloadException("Content-Type",
					"Only UTF-8 bodies are accepted; the Content-Type declares charset " + LogText.escape(charset));
		}
		byte[] body = readBounded(request);
		AlertmanagerNotification notification = this.parser.parse(body);
		if (notification.alerts().size() > this.properties.maxAlerts()) {
			throw PayloadTooLargeException.tooManyAlerts(notification.alerts().size(), this.properties.maxAlerts());
		}
		return ResponseEntity.accepted().body(store(notification, body));
	}

	/**
	 * Other deliveries of the same alert instances (HA peers, other groups) may store some of them
	 * at the same moment. A duplicate key means another transaction committed an instance or a
	 * report this one then finds, so a few attempts suffice; peers whose groups overlap differently
	 * may each cause one, hence at least {@link #MIN_DUPLICATE_ATTEMPTS}. A lock timeout or deadlock
	 * means only that peers overlapped. Both are tried again after a short random pause, so peers
	 * that keep colliding spread out instead of retrying in lockstep, within
	 * {@link #CONTENTION_BUDGET}.
	 */
	private AcceptedNotification store(AlertmanagerNotification notification, byte[] body) {
		int duplicatesAllowed = Math.max(notification.alerts().size() + 2, MIN_DUPLICATE_ATTEMPTS);
		long giveUpAt = System.nanoTime() + CONTENTION_BUDGET.toNanos();
		for (int attempt = 1;; attempt++) {
			try {
				return this.intake.accept(notification, body);
			}
			catch (DuplicateKeyException ex) {
				if (attempt >= duplicatesAllowed || System.nanoTime() >= giveUpAt) {
					throw new UnstorableNotificationException(ex);
				}
				pause(attempt);
			}
			catch (ConcurrencyFailureException ex) {
				if (System.nanoTime() >= giveUpAt) {
					throw unavailable(ex);
				}
				pause(attempt);
			}
			catch (DataIntegrityViolationException ex) {
				// A constraint the payload breaks: retrying never cures it.
				throw new UnstorableNotificationException(ex);
			}
			catch (DataAccessException | TransactionException ex) {
				throw unavailable(ex);
			}
		}
	}

	/** Up to 10, 20, 40 … 320 ms, random within that, so colliding peers do not retry together. */
	private static void pause(int attempt) {
		long bound = 10L << Math.min(attempt - 1, 5);
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable(ex);
		}
	}

	private static IntakeUnavailableException unavailable(Exception cause) {
		return new IntakeUnavailableException("The notification could not be stored right now; retry later", cause);
	}

	private byte[] readBounded(HttpServletRequest request) throws IOException {
		long limit = this.properties.maxBodySize().toBytes();
		if (request.getContentLengthLong() > limit) {
			throw new PayloadTooLargeException(limit);
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
			if (body.length > limit) {
				throw new PayloadTooLargeException(limit);
			}
			return body;
		}
	}

}
