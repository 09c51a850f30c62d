package io.kubeletdoctor.report;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** One alert instance attached to a report; {@code endsAt} is null while it fires. */
public record ReportAlert(String alertname, String fingerprint, String status, Instant startsAt,
		@Nullable Instant endsAt, Map<String, String> labels, Map<String, String> annotations,
		@Nullable String generatorURL) {
}
