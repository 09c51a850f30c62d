package io.kubeletdoctor.intake;

/** The notification cannot be stored right now; answered 503 with Retry-After so Alertmanager retries. */
class IntakeUnavailableException extends RuntimeException {

	IntakeUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	IntakeUnavailableException(String message) {
		super(message);
	}

}
