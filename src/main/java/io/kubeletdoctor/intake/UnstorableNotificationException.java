package io.kubeletdoctor.intake;

/**
 * The store refused the notification for what it holds (a constraint the payload breaks), not for
 * a fault that passes: retrying can never succeed, so it is answered 422, which Alertmanager does
 * not retry, instead of the 503 it would retry forever.
 */
class UnstorableNotificationException extends RuntimeException {

	UnstorableNotificationException(Throwable cause) {
		super("The notification holds a value the report store cannot keep; it was not stored", cause);
	}

}
