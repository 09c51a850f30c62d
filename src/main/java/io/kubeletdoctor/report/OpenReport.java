package io.kubeletdoctor.report;

import org.jspecify.annotations.Nullable;

/**
 * A report to open for queued diagnosis. {@code node} is the node as the alert named it and
 * {@code nodeLabel} the label it came from ({@code instance} values still need matching against
 * node addresses); both are null for cluster scope.
 */
public record OpenReport(String cluster, @Nullable String node, @Nullable String nodeLabel, Report.Scope scope,
		String notificationId) {
}
