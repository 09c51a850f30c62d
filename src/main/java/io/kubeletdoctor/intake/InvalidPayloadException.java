package io.kubeletdoctor.intake;

/** A payload that can never be accepted; answered 400 naming the field, which Alertmanager does not retry. */
class InvalidPayloadException extends RuntimeException {

	private final String field;

	InvalidPayloadException(String field, String message) {
		super(message);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
