package io.kubeletdoctor.notify;

/**
 * Renders a report message in the JSON one kind of endpoint expects. Delivery (timeouts, retries)
 * is the same for every sink and lives in {@link Deliveries}.
 */
interface NotificationSink {

	SinkType type();

	/** The request body posted to the route's URL. */
	String render(ReportMessage message);

}
