package io.kubeletdoctor.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reports and their alert instances in the database (H2 or PostgreSQL). Indexed columns serve the
 * queue and the filters; the diagnosis is a JSON document. Claiming uses a per-call token so two
 * replicas never run the same report.
 */
@Repository
public class ReportStore implements Reports {

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private static final int MAX_LIMIT = 500;

	/** What {@link #claim} appends to the owner in a claim token: a slash and a UUID. */
	private static final int CLAIM_SUFFIX = 37;

	private static final String SUPERSEDED = "The cluster sweep that opened this report stopped before finishing it; "
			+ "the sweep runs again and opens a new one";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ReportLinks links;

	private final Clock clock;

	public ReportStore(JdbcClient jdbc, JsonMapper json, ReportLinks links, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.links = links;
		this.clock = clock;
	}

	// --- intake side

	/** The report already holding this alert instance, if it was delivered before. */
	public Optional<KnownReport> reportForAlert(String cluster, String fingerprint, Instant startsAt) {
		return this.jdbc.sql("""
				SELECT r.id, r.node FROM report_alert a JOIN report r ON r.id = a.report_id
				WHERE a.cluster = ? AND a.fingerprint = ? AND a.starts_at = ?""")
			.params(cluster, fingerprint, at(startsAt))
			.query((rs, row) -> new KnownReport(rs.getString("id"), rs.getString("node")))
			.optional();
	}

	public String open(OpenReport report) {
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("""
				INSERT INTO report (id, cluster, node, node_label, scope, status, alert_status, notification_id, created_at)
				VALUES (?, ?, ?, ?, ?, 'QUEUED', 'FIRING', ?, ?)""")
			.params(id, report.cluster(), report.node(), report.nodeLabel(), report.scope().name(),
					report.notificationId(), at(this.clock.instant()))
			.update();
		return id;
	}

	public void attachAlert(String reportId, String cluster, ReportAlert alert) {
		this.jdbc.sql("""
				INSERT INTO report_alert (cluster, fingerprint, starts_at, report_id, alertname, status, ends_at,
				  labels, annotations, generator_url)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(cluster, alert.fingerprint(), at(alert.startsAt()), reportId, alert.alertname(), alert.status(),
					at(alert.endsAt()), this.json.writeValueAsString(alert.labels()),
					this.json.writeValueAsString(alert.annotations()), alert.generatorURL())
			.update();
	}

	/**
	 * Marks a known alert instance resolved, and its report RESOLVED once none of its alerts fires.
	 * Empty when the instance was never seen (nothing to diagnose).
	 */
	public Optional<ResolvedAlert> resolveAlert(String cluster, String fingerprint, Instant startsAt,
			@Nullable Instant endsAt) {
		return reportForAlert(cluster, fingerprint, startsAt).map((known) -> {
			this.jdbc.sql("""
					UPDATE report_alert SET status = 'resolved', ends_at = ?
					WHERE cluster = ? AND fingerprint = ? AND starts_at = ?""")
				.params(at(endsAt), cluster, fingerprint, at(startsAt))
				.update();
			int resolved = this.jdbc.sql("""
					UPDATE report SET alert_status = 'RESOLVED' WHERE id = ? AND alert_status = 'FIRING' AND NOT EXISTS
					  (SELECT 1 FROM report_alert WHERE report_id = ? AND status = 'firing')""")
				.params(known.id(), known.id())
				.update();
			return new ResolvedAlert(known, resolved == 1);
		});
	}

	public long queuedCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM report WHERE status = 'QUEUED'").query(Long.class).single();
	}

	// --- work side

	public List<String> clustersWithQueuedReports() {
		return this.jdbc.sql("SELECT DISTINCT cluster FROM report WHERE status = 'QUEUED'").query(String.class).list();
	}

	/** Claims up to {@code batch} queued reports of a cluster, oldest first. */
	@Transactional
	public List<QueuedReport> claim(String cluster, String owner, int batch) {
		String token = owner + "/" + UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				UPDATE report SET status = 'RUNNING', claimed_by = ?, claimed_at = ?, started_at = ?,
				  attempts = attempts + 1
				WHERE status = 'QUEUED' AND id IN
				  (SELECT id FROM report WHERE cluster = ? AND status = 'QUEUED' ORDER BY created_at LIMIT ?)""")
			.params(token, at(now), at(now), cluster, batch)
			.update();
		List<QueuedReport> claimed = this.jdbc
			.sql("SELECT id, cluster, node, node_label, scope FROM report WHERE claimed_by = ? ORDER BY created_at")
			.param(token)
			.query((rs, row) -> new QueuedReport(rs.getString("id"), rs.getString("cluster"), rs.getString("node"),
					rs.getString("node_label"), Report.Scope.valueOf(rs.getString("scope")), List.of()))
			.list();
		Map<String, List<ReportAlert>> alerts = alertsOf(claimed.stream().map(QueuedReport::id).toList());
		return claimed.stream()
			.map((r) -> new QueuedReport(r.id(), r.cluster(), r.node(), r.nodeLabel(), r.scope(),
					alerts.getOrDefault(r.id(), List.of())))
			.toList();
	}

	/** Hands claimed reports that never started back to the queue, as if never claimed. */
	public void release(List<String> reportIds) {
		for (String id : reportIds) {
			this.jdbc.sql("""
					UPDATE report SET status = 'QUEUED', claimed_by = NULL, claimed_at = NULL, started_at = NULL,
					  attempts = attempts - 1
					WHERE id = ? AND status = 'RUNNING'""")
				.param(id)
				.update();
		}
	}

	/** Keeps a long drain's claim fresh so the sweeper does not hand it to another replica. */
	public void touch(String reportId) {
		this.jdbc.sql("UPDATE report SET claimed_at = ? WHERE id = ? AND status = 'RUNNING'")
			.params(at(this.clock.instant()), reportId)
			.update();
	}

	/**
	 * A node report found by a cluster-scope sweep, linked to its parent, already running under the
	 * parent's claim (so it is handed back with it). It carries no alert rows of its own: the alert
	 * belongs to the parent.
	 */
	public String openChild(String parentId, String cluster, String node) {
		String id = UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO report (id, cluster, node, node_label, scope, status, alert_status, parent_id,
				  created_at, started_at, claimed_by, claimed_at, attempts)
				VALUES (?, ?, ?, 'node', 'NODE', 'RUNNING', 'FIRING', ?, ?, ?,
				  (SELECT claimed_by FROM report WHERE id = ?), ?, 1)""")
			.params(id, cluster, node, parentId, at(now), at(now), parentId, at(now))
			.update();
		return id;
	}

	public void complete(String reportId, CompletedDiagnosis diagnosis) {
		this.jdbc.sql("""
				UPDATE report SET status = 'COMPLETED', node = COALESCE(?, node), playbook = ?, root_cause = ?,
				  completed_at = ?, document = ?, claimed_by = NULL
				WHERE id = ?""")
			.params(diagnosis.node(), diagnosis.playbook(), diagnosis.rootCause().code().name(),
					at(this.clock.instant()), this.json.writeValueAsString(ReportDocument.of(diagnosis)), reportId)
			.update();
	}

	public void fail(String reportId, String reason) {
		this.jdbc.sql("""
				UPDATE report SET status = 'FAILED', completed_at = ?, failure = ?, claimed_by = NULL WHERE id = ?""")
			.params(at(this.clock.instant()), truncate(reason), reportId)
			.update();
	}

	/**
	 * Hands back reports left RUNNING by a run that died (no touch for {@code staleAfter}); after
	 * {@code maxAttempts} they are marked FAILED instead of looping forever.
	 */
	@Transactional
	public int requeueStale(Duration staleAfter, int maxAttempts) {
		return handBack("claimed_at < ?", List.of(at(this.clock.instant().minus(staleAfter))), maxAttempts);
	}

	/**
	 * Hands back, without waiting for a staleness timeout, the reports claimed by an owner that is
	 * not among {@code liveOwners} (a replica that was killed and that the scheduler cluster gave up
	 * on). Claims touched at or after {@code claimedBefore} are left alone: their owner may have
	 * started after {@code liveOwners} was read.
	 */
	@Transactional
	public int requeueOrphaned(Set<String> liveOwners, Instant claimedBefore, int maxAttempts) {
		List<Map.Entry<String, String>> claims = this.jdbc.sql("""
				SELECT id, claimed_by FROM report
				WHERE status = 'RUNNING' AND claimed_by IS NOT NULL AND claimed_at < ?""")
			.param(at(claimedBefore))
			.query((rs, row) -> Map.entry(rs.getString("id"), rs.getString("claimed_by")))
			.list();
		int requeued = 0;
		for (Map.Entry<String, String> claim : claims) {
			if (!liveOwners.contains(ownerOf(claim.getValue()))) {
				// the claim token in the condition: a report re-claimed meanwhile is not touched
				requeued += handBack("id = ? AND claimed_by = ?", List.of(claim.getKey(), claim.getValue()),
						maxAttempts);
			}
		}
		return requeued;
	}

	/**
	 * Ends the RUNNING reports matching {@code condition}: queued again, or FAILED once they used
	 * their attempts. A node report opened by a cluster sweep is not queued on its own: the sweep
	 * runs again with its parent and opens a fresh one. Returns how many were queued again.
	 */
	private int handBack(String condition, List<Object> params, int maxAttempts) {
		Instant now = this.clock.instant();
		List<Object> superseded = new ArrayList<>(List.of(at(now), SUPERSEDED));
		superseded.addAll(params);
		this.jdbc.sql("""
				UPDATE report SET status = 'FAILED', completed_at = ?, claimed_by = NULL, failure = ?
				WHERE status = 'RUNNING' AND parent_id IS NOT NULL AND
				""" + condition)
			.params(superseded)
			.update();
		List<Object> exhausted = new ArrayList<>(List.of(at(now), maxAttempts));
		exhausted.addAll(params);
		this.jdbc.sql("""
				UPDATE report SET status = 'FAILED', completed_at = ?, claimed_by = NULL,
				  failure = 'The diagnosis did not finish after ' || CAST(attempts AS VARCHAR(10)) || ' attempts'
				WHERE status = 'RUNNING' AND parent_id IS NULL AND attempts >= ? AND
				""" + condition)
			.params(exhausted)
			.update();
		List<Object> requeue = new ArrayList<>(List.of(maxAttempts));
		requeue.addAll(params);
		return this.jdbc.sql("""
				UPDATE report SET status = 'QUEUED', claimed_by = NULL
				WHERE status = 'RUNNING' AND parent_id IS NULL AND attempts < ? AND
				""" + condition)
			.params(requeue)
			.update();
	}

	/** The owner part of a claim token ({@code <owner>/<uuid>}, see {@link #claim}). */
	private static String ownerOf(String token) {
		int cut = token.length() - CLAIM_SUFFIX;
		return (cut > 0 && token.charAt(cut) == '/') ? token.substring(0, cut) : token;
	}

	// --- read side

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
	public Optional<String> alertmanagerUrl(String reportId) {
		return this.jdbc.sql("""
				SELECT n.body FROM report r
				LEFT JOIN report p ON p.id = r.parent_id
				JOIN notification n ON n.id = COALESCE(r.notification_id, p.notification_id)
				WHERE r.id = ?""")
			.param(reportId)
			.query(String.class)
			.optional()
			.flatMap(this::externalUrl);
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
		Map<String, List<ReportAlert>> alerts = alertsOf(reports.stream().map(Report::id).toList());
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
				doc.affectedNodes(), instant(rs, "created_at"), instant(rs, "started_at"),
				instant(rs, "completed_at"), this.links.of(id));
	}

	private static Report withAlerts(Report r, List<ReportAlert> alerts) {
		return new Report(r.id(), r.cluster(), r.node(), r.scope(), r.status(), r.alertStatus(), alerts, r.playbook(),
				r.rootCause(), r.otherCauses(), r.steps(), r.certificates(), r.certificateRequests(),
				r.affectedNodes(), r.createdAt(), r.startedAt(), r.completedAt(), r.links());
	}

	private Map<String, List<ReportAlert>> alertsOf(List<String> reportIds) {
		Map<String, List<ReportAlert>> alerts = new LinkedHashMap<>();
		if (reportIds.isEmpty()) {
			return alerts;
		}
		String placeholders = String.join(", ", reportIds.stream().map((id) -> "?").toList());
		this.jdbc.sql("SELECT * FROM report_alert WHERE report_id IN (" + placeholders + ") ORDER BY starts_at")
			.params(new ArrayList<Object>(reportIds))
			.query((rs) -> {
				ReportAlert alert = new ReportAlert(rs.getString("alertname"), rs.getString("fingerprint"),
						rs.getString("status"), instant(rs, "starts_at"), instant(rs, "ends_at"),
						this.json.readValue(rs.getString("labels"), STRING_MAP),
						this.json.readValue(rs.getString("annotations"), STRING_MAP), rs.getString("generator_url"));
				alerts.computeIfAbsent(rs.getString("report_id"), (k) -> new ArrayList<>()).add(alert);
			});
		return alerts;
	}

	private static @Nullable OffsetDateTime at(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static String truncate(String text) {
		return (text.length() > 4000) ? text.substring(0, 3997) + "..." : text;
	}

}
