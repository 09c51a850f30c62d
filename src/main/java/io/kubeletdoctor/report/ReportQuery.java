package io.kubeletdoctor.report;

import org.jspecify.annotations.Nullable;

/**
 * Filters of the report list; null means any. {@code node} matches the node name exactly,
 * {@code nodeContains} as a case-insensitive substring (the pages' search box). {@code limit} is
 * capped by the store; {@code offset} skips that many of the newest matches, for paging.
 */
public record ReportQuery(@Nullable String cluster, @Nullable String node, @Nullable ReportStatus status,
		@Nullable String rootCause, int limit, Report.@Nullable AlertStatus alertStatus,
		@Nullable String nodeContains, int offset) {

	/** The original five filters, kept so callers written before paging and search still compile. */
	public ReportQuery(@Nullable String cluster, @Nullable String node, @Nullable ReportStatus status,
			@Nullable String rootCause, int limit) {
		this(cluster, node, status, rootCause, limit, null, null, 0);
	}

	public static ReportQuery latest(int limit) {
		return new ReportQuery(null, null, null, null, limit);
	}

}
