package io.kubeletdoctor.intake;

import java.io.IOException;
import java.io.InputStream;

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
		byte[] body = readBounded(request);
		AlertmanagerNotification notification = this.parser.parse(body);
		return ResponseEntity.accepted().body(store(notification, body));
	}

	private AcceptedNotification store(AlertmanagerNotification notification, byte[] body) {
		try {
			try {
				return this.intake.accept(notification, body);
			}
			catch (DuplicateKeyException | ConcurrencyFailureException ex) {
				// Another replica stored the same alert instance at the same moment (or the database
				// chose this transaction as a deadlock victim between two such): once more, and it is
				// a duplicate.
				return this.intake.accept(notification, body);
			}
		}
		catch (DataIntegrityViolationException ex) {
			// Still a violation after the retry that turns a race into a duplicate: the payload's own.
			throw new UnstorableNotificationException(ex);
		}
		catch (DataAccessException | TransactionException ex) {
			throw new IntakeUnavailableException("The notification could not be stored right now; retry later", ex);
		}
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
