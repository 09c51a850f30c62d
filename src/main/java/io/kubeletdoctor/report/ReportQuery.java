package io.kubeletdoctor.report;

import org.jspecify.annotations.Nullable;

/** Filters of the report list; null means any. {@code limit} is capped by the store. */
public record ReportQuery(@Nullable String cluster, @Nullable String node, @Nullable ReportStatus status,
		@Nullable String rootCause, int limit) {

	public static ReportQuery latest(int limit) {
		return new ReportQuery(null, null, null, null, limit);
	}

}
