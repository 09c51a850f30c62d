package io.kubeletdoctor.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@link Reports} on the report tables: finds and filters stored reports, newest first, with
 * their alerts and diagnosis document, for the JSON API, the pages and the chat sinks. It exists
 * apart from the writers ({@link ReportStore}, {@link ReportQueue}) because its readers only ever
 * read, and because it alone turns a row into a full {@link Report} with its links.
 */
@Repository
public class JdbcReports implements Reports {

	private static final int MAX_LIMIT = 500;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ReportLinks links;

	public JdbcReports(JdbcClient jdbc, JsonMapper json, ReportLinks links) {
		this.jdbc = jdbc;
		this.json = json;
		this.links = links;
	}

	@Override
	public Optional<Report> find(String id) {
		List<Report> reports = select("WHERE id = ?", List.of(id), 1);
		return reports.stream().findFirst();
	}

	@Override
	public List<Report> search(ReportQuery query) {
		StringBuilder where = new StringBuilder("WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		if (query.cluster() != null) {
			where.append(" AND cluster = ?");
			params.add(query.cluster());
		}
		if (query.node() != null) {
			where.append(" AND node = ?");
			params.add(query.node());
		}
		if (query.status() != null) {
			where.append(" AND status = ?");
			params.add(query.status().name());
		}
		if (query.rootCause() != null) {
			where.append(" AND root_cause = ?");
			params.add(query.rootCause());
		}
		if (query.alertStatus() != null) {
			where.append(" AND alert_status = ?");
			params.add(query.alertStatus().name());
		}
		if (query.nodeContains() != null) {
			where.append(" AND LOWER(node) LIKE ? ESCAPE '\\'");
			params.add("%" + likeLiteral(query.nodeContains().toLowerCase(Locale.ROOT)) + "%");
		}
		return select(where.toString(), params, Math.max(1, Math.min(query.limit(), MAX_LIMIT)),
				Math.max(0, query.offset()));
	}

	/** The Alertmanager that sent the report's notification (a node report of a sweep: its parent's). */
	@Override
	public Optional<String> progress(String reportId) {
		return this.jdbc.sql("SELECT progress FROM report WHERE id = ? AND status = 'RUNNING' AND progress IS NOT NULL")
			.param(reportId)
			.query(String.class)
			.optional();
	}

	@Override
	public Optional<String> alertmanagerUrl(String reportId) {
		return this.jdbc.sql("""
				SELECT n.external_url, n.body FROM report r
				LEFT JOIN report p ON p.id = r.parent_id
				JOIN notification n ON n.id = COALESCE(r.notification_id, p.notification_id)
				WHERE r.id = ?""")
			.param(reportId)
			.query((rs, row) -> storedOrParsed(rs.getString("external_url"), rs.getString("body")))
			.optional()
			.flatMap(Function.identity());
	}

	/** Notifications stored before the URL had its own column have it only in their body, while it is kept. */
	private Optional<String> storedOrParsed(@Nullable String externalUrl, @Nullable String body) {
		if (externalUrl != null) {
			return Optional.of(externalUrl).filter((url) -> !url.isBlank());
		}
		return Optional.ofNullable(body).flatMap(this::externalUrl);
	}

	/** Reads only up to the top-level {@code externalURL}, skipping the alerts without binding them. */
	private Optional<String> externalUrl(String notification) {
		try (JsonParser parser = this.json.createParser(notification)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return Optional.empty();
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("externalURL".equals(name) && value == JsonToken.VALUE_STRING) {
					return Optional.of(parser.getString()).filter((url) -> !url.isBlank());
				}
				parser.skipChildren();
			}
			return Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	private static String likeLiteral(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private List<Report> select(String where, List<Object> params, int limit) {
		return select(where, params, limit, 0);
	}

	private List<Report> select(String where, List<Object> params, int limit, int offset) {
		List<Object> all = new ArrayList<>(params);
		all.add(limit);
		all.add(offset);
		List<Report> reports = this.jdbc
			.sql("SELECT * FROM report " + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
			.params(all)
			.query(this::report)
			.list();
		Map<String, List<ReportAlert>> alerts = ReportRows.alertsOf(this.jdbc, this.json,
				reports.stream().map(Report::id).toList());
		return reports.stream().map((r) -> withAlerts(r, alerts.getOrDefault(r.id(), List.of()))).toList();
	}

	private Report report(ResultSet rs, int row) throws SQLException {
		String document = rs.getString("document");
		ReportDocument doc = (document != null) ? this.json.readValue(document, ReportDocument.class)
				: ReportDocument.EMPTY;
		String id = rs.getString("id");
		return new Report(id, rs.getString("cluster"), rs.getString("node"),
				Report.Scope.valueOf(rs.getString("scope")), ReportStatus.valueOf(rs.getString("status")),
				Report.AlertStatus.valueOf(rs.getString("alert_status")), List.of(), rs.getString("playbook"),
				doc.rootCause(), doc.otherCauses(), doc.steps(), doc.certificates(), doc.certificateRequests(),
				doc.affectedNodes(), doc.causes(), ReportRows.instant(rs, "created_at"), ReportRows.instant(rs, "started_at"),
				ReportRows.instant(rs, "completed_at"), this.links.of(id));
	}

	private static Report withAlerts(Report r, List<ReportAlert> alerts) {
		return new Report(r.id(), r.cluster(), r.node(), r.scope(), r.status(), r.alertStatus(), alerts, r.playbook(),
				r.rootCause(), r.otherCauses(), r.steps(), r.certificates(), r.certificateRequests(),
				r.affectedNodes(), r.causes(), r.createdAt(), r.startedAt(), r.completedAt(), r.links());
	}

}
