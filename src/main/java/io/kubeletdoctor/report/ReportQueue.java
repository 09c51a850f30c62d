package io.kubeletdoctor.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queued reports as a work queue for the drains: claim, keep the claim fresh, finish or hand
 * back. It exists on its own because claiming is the part that must stay correct with several
 * replicas: each claim carries a per-call token (owner plus UUID) so two replicas never run the
 * same report, and the hand-back of stale or orphaned claims turns a report FAILED once it has
 * used its attempts instead of looping forever.
 */
@Repository
public class ReportQueue {

	/** What {@link #claim} appends to the owner in a claim token: a slash and a UUID. */
	private static final int CLAIM_SUFFIX = 37;

	private static final String SUPERSEDED = "The cluster sweep that opened this report stopped before finishing it; "
			+ "the sweep runs again and opens a new one";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	public ReportQueue(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

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
			.params(token, ReportRows.at(now), ReportRows.at(now), cluster, batch)
			.update();
		List<QueuedReport> claimed = this.jdbc
			.sql("SELECT id, cluster, node, node_label, scope FROM report WHERE claimed_by = ? ORDER BY created_at")
			.param(token)
			.query((rs, row) -> new QueuedReport(rs.getString("id"), rs.getString("cluster"), rs.getString("node"),
					rs.getString("node_label"), Report.Scope.valueOf(rs.getString("scope")), List.of()))
			.list();
		Map<String, List<ReportAlert>> alerts = ReportRows.alertsOf(this.jdbc, this.json,
				claimed.stream().map(QueuedReport::id).toList());
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
	/**
	 * Records where a running report stands, for the pages; it also keeps the claim fresh, as
	 * {@link #touch(String)} does, since a long diagnosis reports progress step by step.
	 */
	public void progress(String reportId, String progress) {
		this.jdbc.sql("UPDATE report SET progress = ?, claimed_at = ? WHERE id = ? AND status = 'RUNNING'")
			.params(progress, ReportRows.at(this.clock.instant()), reportId)
			.update();
	}

	public void touch(String reportId) {
		this.jdbc.sql("UPDATE report SET claimed_at = ? WHERE id = ? AND status = 'RUNNING'")
			.params(ReportRows.at(this.clock.instant()), reportId)
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
			.params(id, cluster, node, parentId, ReportRows.at(now), ReportRows.at(now), parentId, ReportRows.at(now))
			.update();
		return id;
	}

	public void complete(String reportId, CompletedDiagnosis diagnosis) {
		this.jdbc.sql("""
				UPDATE report SET status = 'COMPLETED', node = COALESCE(?, node), playbook = ?, root_cause = ?,
				  completed_at = ?, document = ?, claimed_by = NULL
				WHERE id = ?""")
			.params(diagnosis.node(), diagnosis.playbook(), diagnosis.rootCause().code().name(),
					ReportRows.at(this.clock.instant()), this.json.writeValueAsString(ReportDocument.of(diagnosis)),
					reportId)
			.update();
	}

	public void fail(String reportId, String reason) {
		this.jdbc.sql("""
				UPDATE report SET status = 'FAILED', completed_at = ?, failure = ?, claimed_by = NULL WHERE id = ?""")
			.params(ReportRows.at(this.clock.instant()), truncate(reason), reportId)
			.update();
	}

	/**
	 * Hands back reports left RUNNING by a run that died (no touch for {@code staleAfter}); after
	 * {@code maxAttempts} they are marked FAILED instead of looping forever.
	 */
	@Transactional
	public int requeueStale(Duration staleAfter, int maxAttempts) {
		return handBack("claimed_at < ?", List.of(ReportRows.at(this.clock.instant().minus(staleAfter))),
				maxAttempts);
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
			.param(ReportRows.at(claimedBefore))
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
		List<Object> superseded = new ArrayList<>(List.of(ReportRows.at(now), SUPERSEDED));
		superseded.addAll(params);
		this.jdbc.sql("""
				UPDATE report SET status = 'FAILED', completed_at = ?, claimed_by = NULL, failure = ?
				WHERE status = 'RUNNING' AND parent_id IS NOT NULL AND
				""" + condition)
			.params(superseded)
			.update();
		List<Object> exhausted = new ArrayList<>(List.of(ReportRows.at(now), maxAttempts));
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

	private static String truncate(String text) {
		return (text.length() > 4000) ? text.substring(0, 3997) + "..." : text;
	}

}
