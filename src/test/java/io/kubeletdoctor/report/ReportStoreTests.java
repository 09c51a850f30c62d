package io.kubeletdoctor.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.NodeStatusStepFacts;
import io.kubeletdoctor.support.MutableClock;
import io.kubeletdoctor.support.StoreDatabases;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The report tables on the real schema (Flyway migrations on H2 in PostgreSQL mode), through the
 * intake side ({@link ReportStore}), the work queue ({@link ReportQueue}) and the read side
 * ({@link JdbcReports}) together, since each test follows a report through more than one of them.
 */
class ReportStoreTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));

	private ReportStore store;

	private ReportQueue queue;

	private JdbcReports reports;

	private JdbcClient jdbc;

	@BeforeEach
	void setUp() {
		this.jdbc = StoreDatabases.migrated(emptyDatabase());
		JsonMapper json = JsonMapper.builder().build();
		this.store = new ReportStore(this.jdbc, json, this.clock);
		this.queue = new ReportQueue(this.jdbc, json, this.clock);
		this.reports = new JdbcReports(this.jdbc, json,
				new ReportLinks(new PublicUrlProperties("https://doctor.example")));
	}

	/** A database without tables, for the migrations to build; ReportStorePostgresTests brings its own. */
	DataSource emptyDatabase() {
		return StoreDatabases.emptyH2();
	}

	@Test
	void claimsQueuedReportsOldestFirstInBatchesAndOnlyOnce() {
		String first = openWithAlert("c1", "n1", "f1");
		this.clock.advance(Duration.ofSeconds(1));
		String second = openWithAlert("c1", "n2", "f2");
		this.clock.advance(Duration.ofSeconds(1));
		openWithAlert("c2", "n3", "f3");

		List<QueuedReport> batch = this.queue.claim("c1", "replica-a", 1);
		assertThat(batch).extracting(QueuedReport::id).containsExactly(first);
		assertThat(batch.get(0).alerts()).extracting(ReportAlert::fingerprint).containsExactly("f1");
		assertThat(this.queue.claim("c1", "replica-b", 5)).extracting(QueuedReport::id).containsExactly(second);
		assertThat(this.queue.claim("c1", "replica-a", 5)).isEmpty();
		assertThat(this.reports.find(first)).hasValueSatisfying(
				(report) -> assertThat(report.status()).isEqualTo(ReportStatus.RUNNING));
		assertThat(this.queue.clustersWithQueuedReports()).containsExactly("c2");
	}

	@Test
	void progressOfARunningReportIsReadBackAndKeepsItsClaimFresh() {
		String id = openWithAlert("c1", "n1", "f1");
		assertThat(this.reports.progress(id)).as("queued: no progress yet").isEmpty();
		this.queue.claim("c1", "replica", 5);
		this.clock.advance(Duration.ofMinutes(4));
		this.queue.progress(id, "step 3 of 7: Kubelet certificates");
		assertThat(this.reports.progress(id)).hasValue("step 3 of 7: Kubelet certificates");

		this.clock.advance(Duration.ofMinutes(4));
		assertThat(this.queue.requeueStale(Duration.ofMinutes(5), 3)).as("progress refreshed the claim").isZero();
		this.queue.fail(id, "stopped");
		assertThat(this.reports.progress(id)).as("only running reports have progress").isEmpty();
	}

	@Test
	void releasedReportsAreQueuedAgainWithoutSpendingAnAttempt() {
		String id = openWithAlert("c1", "n1", "f1");
		this.queue.claim("c1", "stopping-replica", 5);
		this.queue.release(List.of(id));
		assertThat(this.reports.find(id).orElseThrow().status()).isEqualTo(ReportStatus.QUEUED);
		assertThat(this.queue.claim("c1", "other-replica", 5)).extracting(QueuedReport::id).containsExactly(id);
		this.clock.advance(Duration.ofMinutes(10));
		this.queue.requeueStale(Duration.ofMinutes(5), 2);
		assertThat(this.reports.find(id).orElseThrow().status()).as("one attempt spent, one left")
			.isEqualTo(ReportStatus.QUEUED);
	}

	@Test
	void staleRunsAreHandedBackThenFailedAfterMaxAttempts() {
		String id = openWithAlert("c1", "n1", "f1");
		this.queue.claim("c1", "dead-replica", 5);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.queue.requeueStale(Duration.ofMinutes(5), 2)).as("still fresh").isZero();

		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.queue.requeueStale(Duration.ofMinutes(5), 2)).isEqualTo(1);
		assertThat(this.reports.find(id).orElseThrow().status()).isEqualTo(ReportStatus.QUEUED);

		this.queue.claim("c1", "dead-again", 5);
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(this.queue.requeueStale(Duration.ofMinutes(5), 2)).isZero();
		assertThat(this.reports.find(id).orElseThrow().status()).isEqualTo(ReportStatus.FAILED);
	}

	@Test
	void claimsOfAnOwnerThatIsGoneAreHandedBackWithoutWaitingForStaleness() {
		String orphan = openWithAlert("c1", "n1", "f1");
		this.queue.claim("c1", "replica-dead", 1);
		String sweepNode = this.queue.openChild(orphan, "c1", "n9");
		String alive = openWithAlert("c1", "n2", "f2");
		this.queue.claim("c1", "replica-alive", 1);
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(this.queue.requeueOrphaned(Set.of("replica-alive"), this.clock.instant().minusSeconds(30), 3))
			.as("claimed after the cutoff: its owner may have started after the live ones were read")
			.isZero();
		assertThat(this.queue.requeueOrphaned(Set.of("replica-alive"), this.clock.instant(), 3)).isEqualTo(1);
		assertThat(this.reports.find(orphan).orElseThrow().status()).isEqualTo(ReportStatus.QUEUED);
		assertThat(this.reports.find(alive).orElseThrow().status()).isEqualTo(ReportStatus.RUNNING);
		assertThat(this.reports.find(sweepNode).orElseThrow().status())
			.as("a node report of the dead sweep: the sweep runs again and opens a new one")
			.isEqualTo(ReportStatus.FAILED);
		assertThat(this.queue.claim("c1", "replica-alive", 5)).extracting(QueuedReport::id).containsExactly(orphan);
	}

	@Test
	void orphanedClaimsAreFailedOnceTheirAttemptsAreUsed() {
		String id = openWithAlert("c1", "n1", "f1");
		this.queue.claim("c1", "replica-dead", 1);
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(this.queue.requeueOrphaned(Set.of("replica-alive"), this.clock.instant(), 1)).isZero();
		assertThat(this.reports.find(id).orElseThrow().status()).isEqualTo(ReportStatus.FAILED);
	}

	@Test
	void secondReportForTheSameAlertInstanceIsADuplicateKey() {
		openWithAlert("c1", "n1", "f1");
		String other = this.store.open(new OpenReport("c1", "n1", "node", Report.Scope.NODE, "another-delivery"));

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.store.attachAlert(other, "c1", alert("f1")));
		assertThat(this.store.reportForAlert("c1", "f1", STARTS_AT)).isPresent();
	}

	/** Alertmanager's Go times carry nanoseconds; the store keeps microseconds and must find them again. */
	@ParameterizedTest
	@ValueSource(strings = { "2026-12-01T18:31:41.717617512Z", "2026-12-01T18:31:41.717617499Z",
			"2026-12-01T18:31:41.717617500Z", "2026-12-01T18:31:41.999999700Z", "2026-12-01T18:31:41.5Z" })
	void alertInstanceWithNanosecondsIsFoundAndResolvedAtAnyPrecision(String startsAtText) {
		Instant startsAt = Instant.parse(startsAtText);
		String id = this.store.open(new OpenReport("c1", "n1", "node", Report.Scope.NODE, "notification"));
		this.store.attachAlert(id, "c1", new ReportAlert("A", "f1", "firing", startsAt, null, Map.of("alertname", "A"),
				Map.of(), null));

		assertThat(this.store.reportForAlert("c1", "f1", startsAt)).map(KnownReport::id).hasValue(id);
		assertThat(this.store.reportForAlert("c1", "f1", AlertTimes.stored(startsAt))).map(KnownReport::id)
			.hasValue(id);
		assertThat(this.store.resolveAlert("c1", "f1", startsAt, startsAt.plusNanos(123456789)))
			.hasValueSatisfying((resolved) -> assertThat(resolved.reportResolved()).isTrue());
		ReportAlert stored = this.reports.find(id).orElseThrow().alerts().get(0);
		assertThat(stored.startsAt()).isEqualTo(AlertTimes.stored(startsAt));
		assertThat(stored.endsAt()).isEqualTo(AlertTimes.stored(startsAt.plusNanos(123456789)));
	}

	/** Alert names and generator URLs (the whole PromQL expression) have no bound in Prometheus. */
	@Test
	void alertsOfAnyLengthAreStored() {
		String alertname = "A".repeat(300);
		String generatorUrl = "http://prometheus.test/graph?g0.expr=" + "up%7Bjob%3D%22kubelet%22%7D+or+".repeat(200);
		String id = this.store.open(new OpenReport("c1", "n1", "node", Report.Scope.NODE, "notification"));
		this.store.attachAlert(id, "c1", new ReportAlert(alertname, "f1", "firing", STARTS_AT, null,
				Map.of("alertname", alertname), Map.of(), generatorUrl));

		ReportAlert stored = this.reports.find(id).orElseThrow().alerts().get(0);
		assertThat(stored.alertname()).isEqualTo(alertname);
		assertThat(stored.generatorURL()).isEqualTo(generatorUrl);
	}

	/** Rows written with nanoseconds before the rule were rounded by the database as the rule rounds. */
	@ParameterizedTest
	@ValueSource(strings = { "2026-12-01T18:31:41.717617512Z", "2026-12-01T18:31:41.717617499Z",
			"2026-12-01T18:31:41.717617500Z", "2026-12-01T18:31:41.999999700Z" })
	void theDatabaseRoundsNanosecondsAsTheStoreDoes(String startsAtText) {
		Instant startsAt = Instant.parse(startsAtText);
		String id = this.store.open(new OpenReport("c1", "n1", "node", Report.Scope.NODE, "notification"));
		this.jdbc.sql("""
				INSERT INTO report_alert (cluster, fingerprint, starts_at, report_id, alertname, status, labels, annotations)
				VALUES ('c1', 'f1', ?, ?, 'A', 'firing', '{}', '{}')""")
			.params(startsAt.atOffset(ZoneOffset.UTC), id)
			.update();

		assertThat(this.store.reportForAlert("c1", "f1", startsAt)).map(KnownReport::id).hasValue(id);
	}

	@Test
	void completedReportRoundTripsTheDiagnosis() {
		String id = openWithAlert("c1", "10.0.0.5", "f1");
		this.queue.claim("c1", "r", 5);
		Finding cause = new Finding(RootCauseCode.SERVING_CERT_EXPIRED, "Serving certificate expired",
				Confidence.HIGH, "summary", List.of("NotAfter 2026-11-27"), "a valid handshake",
				List.of(new Remediation("Renew", List.of("systemctl restart kubelet"))));
		StepOutcome step = new StepOutcome("node-status", "Node status", StepStatus.OK, "Ready",
				new NodeStatusStepFacts(true, "True", "KubeletReady", null, 5L, 5L, 40, false, null, "v1.33.2",
						List.of("a"), "10.0.0.5", 10250),
				12, null);
		ReportCertificate certificate = new ReportCertificate(CertificateRole.SERVING, "CN=n1", "CN=n1",
				Instant.parse("2025-11-27T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"), "TLS handshake");
		ReportCsr csr = new ReportCsr("csr-1", "kubernetes.io/kubelet-serving", "system:node:n1",
				CsrCondition.PENDING, 600, "CN=system:node:n1", List.of("10.0.0.5"), List.of("server auth"), null, null);
		this.queue.complete(id, new CompletedDiagnosis("worker-5", "certificate-rotation", cause, List.of(),
				List.of(step), List.of(certificate), List.of(csr), null));

		Report report = this.reports.find(id).orElseThrow();
		assertThat(report.status()).isEqualTo(ReportStatus.COMPLETED);
		assertThat(report.node()).as("resolved node name replaces the instance").isEqualTo("worker-5");
		assertThat(report.rootCause()).isEqualTo(cause);
		assertThat(report.steps()).containsExactly(step);
		assertThat(report.certificates()).containsExactly(certificate);
		assertThat(report.certificateRequests()).containsExactly(csr);
		assertThat(report.links().html()).isEqualTo("https://doctor.example/reports/" + id);
		assertThat(this.reports.search(new ReportQuery(null, null, null, "SERVING_CERT_EXPIRED", 10)))
			.extracting(Report::id)
			.containsExactly(id);
		assertThat(this.reports.search(new ReportQuery("other", null, null, null, 10))).isEmpty();
	}

	@Test
	void clusterReportRoundTripsItsNodesGroupedByCause() {
		String id = this.store.open(new OpenReport("c1", null, null, Report.Scope.CLUSTER, "notification"));
		this.queue.claim("c1", "r", 5);
		Finding cause = new Finding(RootCauseCode.CLIENT_CERT_EXPIRED, "2 of 3 nodes: Client certificate expired",
				Confidence.HIGH, "summary", List.of("2 of 3 affected nodes: a, b"), "a valid certificate", List.of());
		List<Report.AffectedNode> affected = List.of(new Report.AffectedNode("a", "r-a", "CLIENT_CERT_EXPIRED"),
				new Report.AffectedNode("c", "r-c", "KUBELET_NOT_RUNNING"),
				new Report.AffectedNode("b", "r-b", "CLIENT_CERT_EXPIRED"));
		List<Report.Cause> causes = List.of(new Report.Cause("CLIENT_CERT_EXPIRED", Confidence.HIGH, List.of("a", "b")),
				new Report.Cause("KUBELET_NOT_RUNNING", Confidence.MEDIUM, List.of("c")));
		this.queue.complete(id, new CompletedDiagnosis(null, "kubelet-down", cause, List.of(), List.of(), List.of(),
				List.of(), affected, causes));

		Report report = this.reports.find(id).orElseThrow();
		assertThat(report.affectedNodes()).isEqualTo(affected);
		assertThat(report.causes()).isEqualTo(causes);
	}

	@Test
	void reportIsResolvedOnlyWhenNoneOfItsAlertsFires() {
		String id = openWithAlert("c1", "n1", "f1");
		ReportAlert second = alert("f2");
		this.store.attachAlert(id, "c1", second);

		assertThat(this.store.resolveAlert("c1", "f1", STARTS_AT, this.clock.instant()))
			.hasValueSatisfying((resolved) -> assertThat(resolved.reportResolved()).isFalse());
		assertThat(this.reports.find(id).orElseThrow().alertStatus()).isEqualTo(Report.AlertStatus.FIRING);
		assertThat(this.store.resolveAlert("c1", "f2", STARTS_AT, this.clock.instant()))
			.hasValueSatisfying((resolved) -> assertThat(resolved.reportResolved()).isTrue());
		assertThat(this.reports.find(id).orElseThrow().alertStatus()).isEqualTo(Report.AlertStatus.RESOLVED);
		assertThat(this.store.resolveAlert("c1", "f2", STARTS_AT, this.clock.instant()))
			.as("a repeated resolve changes nothing")
			.hasValueSatisfying((resolved) -> assertThat(resolved.reportResolved()).isFalse());
		assertThat(this.store.resolveAlert("c1", "never-seen", STARTS_AT, null)).isEmpty();
	}

	@Test
	void searchFiltersOnTheAlertStatus() {
		String resolved = openWithAlert("c1", "n1", "f1");
		String firing = openWithAlert("c1", "n2", "f2");
		this.store.resolveAlert("c1", "f1", STARTS_AT, this.clock.instant());
		assertThat(search(Report.AlertStatus.RESOLVED, null, 10, 0)).containsExactly(resolved);
		assertThat(search(Report.AlertStatus.FIRING, null, 10, 0)).containsExactly(firing);
	}

	@Test
	void nodeSearchIsACaseInsensitiveSubstringWithLikeCharactersTakenLiterally() {
		String worker = openWithAlert("c1", "Worker-Pool-A-1", "f1");
		String underscore = openWithAlert("c1", "gpu_node-7", "f2");
		openWithAlert("c1", "gpuXnode-8", "f3");
		openWithAlert("c1", "control-plane", "f4");
		assertThat(search(null, "pool-a", 10, 0)).containsExactly(worker);
		assertThat(search(null, "POOL", 10, 0)).containsExactly(worker);
		assertThat(search(null, "gpu_", 10, 0)).as("_ is no wildcard").containsExactly(underscore);
		assertThat(search(null, "%", 10, 0)).as("%% is no wildcard").isEmpty();
	}

	@Test
	void pagesFollowEachOtherNewestFirst() {
		String oldest = openWithAlert("c1", "n1", "f1");
		this.clock.advance(Duration.ofSeconds(1));
		String middle = openWithAlert("c1", "n2", "f2");
		this.clock.advance(Duration.ofSeconds(1));
		String newest = openWithAlert("c1", "n3", "f3");
		assertThat(search(null, null, 2, 0)).containsExactly(newest, middle);
		assertThat(search(null, null, 2, 2)).containsExactly(oldest);
		assertThat(search(null, null, 2, 4)).isEmpty();
	}

	@Test
	void alertmanagerUrlComesFromTheNotificationOfTheReportOrOfItsParent() {
		this.jdbc.sql("""
				INSERT INTO notification (id, received_at, status, alert_count, body)
				VALUES ('notification', CURRENT_TIMESTAMP, 'firing', 1, ?)""")
			.param("""
					{"receiver":"kd","status":"firing","alerts":[{"labels":{"externalURL":"http://wrong"},
					"annotations":{}}],"groupLabels":{},"externalURL":"http://alertmanager.example:9093","version":"4"}""")
			.update();
		String parent = openWithAlert("c1", null, "f1");
		String child = this.queue.openChild(parent, "c1", "n1");
		assertThat(this.reports.alertmanagerUrl(parent)).hasValue("http://alertmanager.example:9093");
		assertThat(this.reports.alertmanagerUrl(child)).hasValue("http://alertmanager.example:9093");
		assertThat(this.reports.alertmanagerUrl("unknown")).isEmpty();
	}

	@Test
	void alertmanagerUrlOutlivesTheRawBodyWhereItWasStoredApart() {
		String body = "{\"externalURL\":\"http://alertmanager.example:9093\"}";
		this.jdbc.sql("""
				INSERT INTO notification (id, received_at, status, alert_count, body, external_url)
				VALUES ('stored-apart', ?, 'firing', 1, ?, 'http://alertmanager.example:9093'),
				       ('body-only', ?, 'firing', 1, ?, NULL)""")
			.params(ReportRows.at(this.clock.instant()), body, ReportRows.at(this.clock.instant()), body)
			.update();
		String storedApart = this.store.open(new OpenReport("c1", "n1", "node", Report.Scope.NODE, "stored-apart"));
		String bodyOnly = this.store.open(new OpenReport("c1", "n2", "node", Report.Scope.NODE, "body-only"));
		assertThat(this.reports.alertmanagerUrl(bodyOnly)).hasValue("http://alertmanager.example:9093");

		this.clock.advance(Duration.ofDays(2));
		assertThat(new ReportRetention(this.jdbc).dropRawBodies(this.clock.instant().minus(Duration.ofDays(1)), 10))
			.isEqualTo(2);
		assertThat(this.reports.alertmanagerUrl(storedApart)).hasValue("http://alertmanager.example:9093");
		assertThat(this.reports.alertmanagerUrl(bodyOnly)).as("nothing left to read it from").isEmpty();
		assertThat(this.reports.find(bodyOnly)).as("the report itself stays").isPresent();
	}

	private List<String> search(Report.@Nullable AlertStatus alertStatus, @Nullable String nodeContains, int limit,
			int offset) {
		return this.reports
			.search(new ReportQuery(null, null, null, null, limit, alertStatus, nodeContains, offset))
			.stream()
			.map(Report::id)
			.toList();
	}

	private static final Instant STARTS_AT = Instant.parse("2026-11-30T07:00:00Z");

	private String openWithAlert(String cluster, @Nullable String node, String fingerprint) {
		String id = this.store.open(new OpenReport(cluster, node, "node", Report.Scope.NODE, "notification"));
		this.store.attachAlert(id, cluster, alert(fingerprint));
		return id;
	}

	private static ReportAlert alert(String fingerprint) {
		return new ReportAlert("KubeletServerCertificateExpiration", fingerprint, "firing", STARTS_AT, null,
				Map.of("alertname", "KubeletServerCertificateExpiration"), Map.of("summary", "s"), null);
	}

}
