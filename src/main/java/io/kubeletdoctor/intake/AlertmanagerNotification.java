package io.kubeletdoctor.intake;

import java.util.List;

/**
 * A validated Alertmanager webhook payload (version 4). {@code receiver} is already unescaped
 * (Alertmanager sends it through Go's regexp.QuoteMeta).
 */
public record AlertmanagerNotification(String version, String status, String receiver, String groupKey,
		long truncatedAlerts, String externalURL, List<AlertmanagerAlert> alerts) {
}
