package io.kubeletdoctor.intake;

class PayloadTooLargeException extends RuntimeException {

	PayloadTooLargeException(long limit) {
		super("The request body exceeds the limit of " + limit + " bytes (kubelet-doctor.webhook.max-body-size)");
	}

}
