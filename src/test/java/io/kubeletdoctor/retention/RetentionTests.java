package io.kubeletdoctor.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.kubeletdoctor.report.OpenReport;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportAlert;
import io.kubeletdoctor.report.ReportQueue;
import io.kubeletdoctor.report.ReportRetention;
import io.kubeletdoctor.report.ReportStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.kubeletdoctor.support.MutableClock;
import io.kubeletdoctor.support.StoreDatabases;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention on the real schema (Flyway migrations on H2 in PostgreSQL mode; again on PostgreSQL in
 * {@link RetentionPostgresTests}) with a clock moved forward: what is past its age goes, what must
 * survive its age stays.
 */
class RetentionTests {

	private static final Duration DAY = Duration.ofDays(1);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-10-01T08:00:00Z"));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private JdbcClient jdbc;

	private ReportStore store;

	private ReportQueue queue;

	private Retention retention;

	@BeforeEach
	void setUp() {
		this.jdbc = StoreDatabases.migrated(emptyDatabase());
		JsonMapper json = JsonMapper.builder().build();
		this.store = new ReportStore(this.jdbc, json, this.clock);
		this.queue = new ReportQueue(this.jdbc, json, this.clock);
		// Batches of two, so every test also crosses batch boundaries.
		this.retention = new Retention(new ReportRetention(this.jdbc),
				new RetentionProperties(Duration.ofDays(30), DAY, Duration.ofHours(1), 2), this.registry, this.clock);
	}

	DataSource emptyDatabase() {
		return StoreDatabases.emptyH2();
	}

	@Test
	void oldReportsGoWithTheirAlertsAndNotificationsWhileEachNodesNewestStays() {
		String oldest = finished(report("n1", notification()));
		this.clock.advance(Duration.ofHours(1));
		String newestOfN1 = finished(report("n1", notification()));
		String oldOfN2 = finished(report("n2", notification()));
		String unreferenced = notification();
		this.clock.advance(Duration.ofDays(20));
		String recentOfN2 = finished(report("n2", notification()));
		this.clock.advance(Duration.ofDays(20));

		this.retention.run();

		assertThat(reportExists(oldest)).isFalse();
		assertThat(reportExists(oldOfN2)).isFalse();
		assertThat(reportExists(newestOfN1)).as("the newest of its node, however old").isTrue();
		assertThat(reportExists(recentOfN2)).isTrue();
		assertThat(count("SELECT COUNT(*) FROM report_alert")).as("only the kept reports' alerts").isEqualTo(2);
		assertThat(notificationExists(unreferenced)).isFalse();
		assertThat(count("SELECT COUNT(*) FROM notification")).as("those of the kept reports").isEqualTo(2);
		assertThat(deleted("report")).isEqualTo(2);
		assertThat(deleted("notification")).isEqualTo(3);
	}

	@Test
	void queuedAndRunningReportsStayWhateverTheirAge() {
		String queued = report("n1", notification());
		String running = report("n2", notification());
		this.jdbc.sql("UPDATE report SET status = 'RUNNING', claimed_by = 'replica' WHERE id = ?").param(running).update();
		this.clock.advance(Duration.ofDays(10));
		finished(report("n1", notification()));
		finished(report("n2", notification()));
		this.clock.advance(Duration.ofDays(40));

		this.retention.run();

		assertThat(reportExists(queued)).isTrue();
		assertThat(reportExists(running)).isTrue();
		assertThat(count("SELECT COUNT(*) FROM report")).isEqualTo(4);
		assertThat(deleted("report")).isZero();
	}

	@Test
	void aSweepStaysWhileANodeReportItOpenedIsKept() {
		String sweep = finished(report(null, notification()));
		String child = finished(this.queue.openChild(sweep, "c1", "n1"));
		this.clock.advance(Duration.ofHours(1));
		String laterSweep = finished(report(null, notification()));
		this.clock.advance(Duration.ofDays(40));

		this.retention.run();
		assertThat(reportExists(sweep)).as("its node report is n1's newest").isTrue();

		this.clock.advance(Duration.ofHours(1));
		finished(report("n1", notification()));
		this.clock.advance(Duration.ofDays(40));
		this.retention.run();
		assertThat(reportExists(child)).isFalse();
		assertThat(reportExists(sweep)).isFalse();
		assertThat(reportExists(laterSweep)).as("the cluster's newest sweep").isTrue();
	}

	@Test
	void rawBodiesAreDroppedAfterADayWhileTheirNotificationStays() {
		String old = notification();
		String report = report("n1", old);
		this.clock.advance(Duration.ofHours(20));
		String recent = notification();
		this.clock.advance(Duration.ofHours(5));

		this.retention.run();

		assertThat(body(old)).isEmpty();
		assertThat(body(recent)).isPresent();
		assertThat(reportExists(report)).isTrue();
		assertThat(notificationExists(old)).as("still its report's notification").isTrue();
		assertThat(deleted("raw_body")).isEqualTo(1);

		this.clock.advance(DAY);
		this.retention.run();
		assertThat(body(recent)).isEmpty();
		assertThat(deleted("raw_body")).as("each body counted once").isEqualTo(2);
	}

	@Test
	void aBacklogIsDeletedBatchAfterBatchInOneRun() {
		for (int i = 0; i < 7; i++) {
			finished(report("n1", notification()));
			this.clock.advance(Duration.ofMinutes(1));
		}
		this.clock.advance(Duration.ofDays(31));

		this.retention.run();

		assertThat(count("SELECT COUNT(*) FROM report")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM notification")).isEqualTo(1);
		assertThat(deleted("report")).isEqualTo(6);
		assertThat(deleted("notification")).isEqualTo(6);
	}

	private String notification() {
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("""
				INSERT INTO notification (id, received_at, status, receiver, group_key, alert_count, body)
				VALUES (?, ?, 'firing', 'kubelet-doctor', '{}', 1, '{"version":"4"}')""")
			.params(id, this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		return id;
	}

	private String report(@Nullable String node, String notificationId) {
		String id = this.store.open(new OpenReport("c1", node, (node != null) ? "node" : null,
				(node != null) ? Report.Scope.NODE : Report.Scope.CLUSTER, notificationId));
		String fingerprint = UUID.randomUUID().toString().substring(0, 16);
		this.store.attachAlert(id, "c1", new ReportAlert("KubeletServerCertificateExpiration", fingerprint, "firing",
				this.clock.instant(), null, Map.of("alertname", "KubeletServerCertificateExpiration"), Map.of(), null));
		return id;
	}

	private String finished(String reportId) {
		this.jdbc.sql("UPDATE report SET status = 'COMPLETED', completed_at = created_at WHERE id = ?")
			.param(reportId)
			.update();
		return reportId;
	}

	private boolean reportExists(String id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM report WHERE id = ?").param(id).query(Long.class).single() == 1;
	}

	private boolean notificationExists(String id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM notification WHERE id = ?").param(id).query(Long.class).single() == 1;
	}

	private Optional<String> body(String notificationId) {
		return this.jdbc.sql("SELECT body FROM notification WHERE id = ?")
			.param(notificationId)
			.query((rs, row) -> Optional.ofNullable(rs.getString(1)))
			.single();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private double deleted(String kind) {
		return this.registry.get("kubelet.doctor.retention.deleted").tag("kind", kind).counter().count();
	}

}
