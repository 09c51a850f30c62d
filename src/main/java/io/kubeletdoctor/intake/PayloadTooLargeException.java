package io.kubeletdoctor.intake;

class PayloadTooLargeException extends RuntimeException {

	PayloadTooLargeException(long limit) {
		this("The request body exceeds the limit of " + limit + " bytes (kubelet-doctor.webhook.max-body-size)");
	}

	private PayloadTooLargeException(String message) {
		super(message);
	}

	/** Too many alerts: Alertmanager's own setting keeps a group's notifications under the limit. */
	static PayloadTooLargeException tooManyAlerts(int alerts, int limit) {
		return new PayloadTooLargeException("The notification carries " + alerts + " alerts, more than the " + limit
				+ " allowed (kubelet-doctor.webhook.max-alerts); set max_alerts: " + limit
				+ " in the Alertmanager webhook_config of this receiver, which then sends the first " + limit
				+ " and counts the rest in truncatedAlerts");
	}

}
