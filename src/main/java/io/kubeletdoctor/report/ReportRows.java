package io.kubeletdoctor.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The column conversions and the alert rows that {@link ReportStore}, {@link ReportQueue} and
 * {@link JdbcReports} share. Timestamps are stored as UTC offsets so H2 and PostgreSQL read them
 * back alike, and the queue and the read side both return reports with their alerts: keeping
 * that in one place keeps the three from drifting apart.
 */
final class ReportRows {

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private ReportRows() {
	}

	static @Nullable OffsetDateTime at(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/** {@code ?, ?, ?} for an IN list of that many values. */
	static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	/** The alerts of each report, keyed by report id, oldest first. */
	static Map<String, List<ReportAlert>> alertsOf(JdbcClient jdbc, JsonMapper json, List<String> reportIds) {
		Map<String, List<ReportAlert>> alerts = new LinkedHashMap<>();
		if (reportIds.isEmpty()) {
			return alerts;
		}
		jdbc.sql("SELECT * FROM report_alert WHERE report_id IN (" + placeholders(reportIds.size())
				+ ") ORDER BY starts_at")
			.params(new ArrayList<Object>(reportIds))
			.query((rs) -> {
				ReportAlert alert = new ReportAlert(rs.getString("alertname"), rs.getString("fingerprint"),
						rs.getString("status"), instant(rs, "starts_at"), instant(rs, "ends_at"),
						json.readValue(rs.getString("labels"), STRING_MAP),
						json.readValue(rs.getString("annotations"), STRING_MAP), rs.getString("generator_url"));
				alerts.computeIfAbsent(rs.getString("report_id"), (k) -> new ArrayList<>()).add(alert);
			});
		return alerts;
	}

}
