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
		if (notification.alerts().size() > this.properties.maxAlerts()) {
			throw PayloadTooLargeException.tooManyAlerts(notification.alerts().size(), this.properties.maxAlerts());
		}
		return ResponseEntity.accepted().body(store(notification, body));
	}

	/**
	 * Other deliveries of the same alert instances (HA peers, other groups) may store some of them
	 * at the same moment, and the database may choose this transaction as a deadlock victim between
	 * two such. Then it is tried again: each conflict means another transaction committed one of
	 * the instances, which this one then finds as a duplicate, so one attempt per alert and one
	 * more always suffice.
	 */
	private AcceptedNotification store(AlertmanagerNotification notification, byte[] body) {
		int attempts = notification.alerts().size() + 2;
		for (int attempt = 1;; attempt++) {
			try {
				return this.intake.accept(notification, body);
			}
			catch (DuplicateKeyException | ConcurrencyFailureException ex) {
				if (attempt >= attempts) {
					throw (ex instanceof DuplicateKeyException) ? new UnstorableNotificationException(ex)
							: unavailable(ex);
				}
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
