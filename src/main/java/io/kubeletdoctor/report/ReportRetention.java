package io.kubeletdoctor.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deletes of the report tables' retention, one bounded batch per call so no transaction holds
 * rows the webhook waits for. It exists apart from the other stores because it alone removes rows,
 * and it is the one place that knows which reports must survive their age: those still QUEUED or
 * RUNNING, the newest of each (cluster, node), and a sweep whose node reports are still kept.
 */
@Repository
public class ReportRetention {

	private final JdbcClient jdbc;

	public ReportRetention(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Deletes up to {@code batchSize} finished reports created before {@code cutoff}, oldest first,
	 * with their alerts; returns how many reports went. The newest report of a (cluster, node) stays
	 * whatever its age (reports created at the same instant all stay); cluster reports (no node)
	 * count as the cluster's own. Each case has its own EXISTS so both probe the report_node index:
	 * one with an OR inside read the whole table for every batch (10 s at 300,000 reports on
	 * PostgreSQL, 50 ms this way).
	 */
	@Transactional
	public int deleteReports(Instant cutoff, int batchSize) {
		List<String> ids = this.jdbc.sql("""
				SELECT r.id FROM report r
				WHERE r.created_at < ? AND r.status IN ('COMPLETED', 'FAILED')
				AND ((r.node IS NOT NULL AND EXISTS (SELECT 1 FROM report n
				    WHERE n.cluster = r.cluster AND n.node = r.node AND n.created_at > r.created_at))
				  OR (r.node IS NULL AND EXISTS (SELECT 1 FROM report n
				    WHERE n.cluster = r.cluster AND n.node IS NULL AND n.created_at > r.created_at)))
				AND NOT EXISTS (SELECT 1 FROM report c WHERE c.parent_id = r.id)
				ORDER BY r.created_at LIMIT ?""")
			.params(ReportRows.at(cutoff), batchSize)
			.query(String.class)
			.list();
		if (ids.isEmpty()) {
			return 0;
		}
		String in = ReportRows.placeholders(ids.size());
		this.jdbc.sql("DELETE FROM report_alert WHERE report_id IN (" + in + ")").params(new ArrayList<Object>(ids)).update();
		// Finished is final (only RUNNING goes back to QUEUED), so the status read above still holds.
		return this.jdbc.sql("DELETE FROM report WHERE id IN (" + in + ") AND status IN ('COMPLETED', 'FAILED')")
			.params(new ArrayList<Object>(ids))
			.update();
	}

	/**
	 * Deletes up to {@code batchSize} notifications received before {@code cutoff} that no report
	 * refers to any more; returns how many went.
	 */
	public int deleteNotifications(Instant cutoff, int batchSize) {
		return this.jdbc.sql("""
				DELETE FROM notification WHERE id IN
				  (SELECT n.id FROM notification n WHERE n.received_at < ?
				   AND NOT EXISTS (SELECT 1 FROM report r WHERE r.notification_id = n.id)
				   ORDER BY n.received_at LIMIT ?)""")
			.params(ReportRows.at(cutoff), batchSize)
			.update();
	}

	/**
	 * Drops the raw body of up to {@code batchSize} notifications received before {@code cutoff}; the
	 * row stays for its reports. Returns how many bodies went.
	 */
	public int dropRawBodies(Instant cutoff, int batchSize) {
		return this.jdbc.sql("""
				UPDATE notification SET body = NULL WHERE id IN
				  (SELECT id FROM notification WHERE received_at < ? AND body IS NOT NULL
				   ORDER BY received_at LIMIT ?)""")
			.params(ReportRows.at(cutoff), batchSize)
			.update();
	}

}
