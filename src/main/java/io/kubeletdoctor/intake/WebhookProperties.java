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
 * @param maxQueuedReports above this many queued reports the webhook answers 503 so Alertmanager
 * retries later
 */
@ConfigurationProperties("kubelet-doctor.webhook")
record WebhookProperties(@Nullable String token, @DefaultValue("alertmanager") String username,
		@DefaultValue("16MB") DataSize maxBodySize, @DefaultValue("10000") long maxQueuedReports) {
}
