package io.kubeletdoctor.intake;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Webhook settings. With no {@code token} configured a credential is generated at start: the
 * webhook never runs open.
 *
 * @param token the Bearer token, also the Basic password ({@code KUBELET_DOCTOR_WEBHOOK_TOKEN})
 * @param username the Basic user name Alertmanager sends with {@code basic_auth}
 * @param maxBodySize larger bodies are refused with 413
 * @param maxQueuedReports a notification that would take the queued reports above this many is
 * answered 503 so Alertmanager retries later
 * @param maxAlerts a notification with more alerts is refused with 413 (Alertmanager's
 * {@code max_alerts} keeps it below)
 */
@ConfigurationProperties("kubelet-doctor.webhook")
record WebhookProperties(@Nullable String token, @DefaultValue("alertmanager") String username,
		@DefaultValue("16MB") DataSize maxBodySize, @DefaultValue("10000") long maxQueuedReports,
		@DefaultValue("1000") int maxAlerts) {
}
