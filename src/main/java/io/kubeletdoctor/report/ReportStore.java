package io.kubeletdoctor.report;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The intake side of the report tables (H2 or PostgreSQL): opens reports for incoming alerts,
 * attaches alert instances to them and marks them resolved. It exists apart from the work queue
 * ({@link ReportQueue}) and the read side ({@link JdbcReports}) because the webhook only ever
 * writes new reports and alert rows, and it is the one place that knows an alert instance
 * (cluster, fingerprint, start) belongs to exactly one report.
 */
@Repository
public class ReportStore {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	public ReportStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * The report already holding this alert instance, if it was delivered before. Times are compared
	 * at {@link AlertTimes the precision they are stored at}, whatever precision the caller has.
	 */
	public Optional<KnownReport> reportForAlert(String cluster, String fingerprint, Instant startsAt) {
		return this.jdbc.sql("""
				SELECT r.id, r.node FROM report_alert a JOIN report r ON r.id = a.report_id
				WHERE a.cluster = ? AND a.fingerprint = ? AND a.starts_at = ?""")
			.params(cluster, fingerprint, ReportRows.at(AlertTimes.stored(startsAt)))
			.query((rs, row) -> new KnownReport(rs.getString("id"), rs.getString("node")))
			.optional();
	}

	public String open(OpenReport report) {
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("""
				INSERT INTO report (id, cluster, node, node_label, scope, status, alert_status, notification_id, created_at)
				VALUES (?, ?, ?, ?, ?, 'QUEUED', 'FIRING', ?, ?)""")
			.params(id, report.cluster(), report.node(), report.nodeLabel(), report.scope().name(),
					report.notificationId(), ReportRows.at(this.clock.instant()))
			.update();
		return id;
	}

	/**
	 * Opens a report for an alert whose cluster label names none of {@code configured}, completed at
	 * once with a verdict that says so; it is never queued.
	 */
	public String openForUnknownCluster(OpenReport report, Set<String> configured) {
		String id = open(report);
		CompletedDiagnosis verdict = UnknownClusterVerdict.of(report.cluster(), configured);
		this.jdbc.sql("""
				UPDATE report SET status = 'COMPLETED', playbook = ?, root_cause = ?, completed_at = ?, document = ?
				WHERE id = ?""")
			.params(verdict.playbook(), verdict.rootCause().code().name(), ReportRows.at(this.clock.instant()),
					this.json.writeValueAsString(ReportDocument.of(verdict)), id)
			.update();
		return id;
	}

	public void attachAlert(String reportId, String cluster, ReportAlert alert) {
		this.jdbc.sql("""
				INSERT INTO report_alert (cluster, fingerprint, starts_at, report_id, alertname, status, ends_at,
				  labels, annotations, generator_url)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(cluster, alert.fingerprint(), ReportRows.at(AlertTimes.stored(alert.startsAt())), reportId,
					alert.alertname(), alert.status(), ReportRows.at(AlertTimes.storedOrNull(alert.endsAt())), this.json.writeValueAsString(alert.labels()),
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
				.params(ReportRows.at(AlertTimes.storedOrNull(endsAt)), cluster, fingerprint,
						ReportRows.at(AlertTimes.stored(startsAt)))
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

}
