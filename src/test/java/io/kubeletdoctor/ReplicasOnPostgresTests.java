package io.kubeletdoctor;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

import io.kubeletdoctor.KillRound.Figures;
import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.support.PostgresTest;
import io.kubeletdoctor.support.ServiceProcess;
import io.kubeletdoctor.support.TestPostgres;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas, each its own JVM, on one PostgreSQL database: duplicate deliveries of an
 * Alertmanager HA pair open one report, and a replica killed with SIGKILL in the middle of a burst
 * loses nothing it acknowledged, its work being finished by the other. The number of kill rounds
 * is {@code -Dkubelet-doctor.soak.rounds} (2 by default; scripts/kill9-soak.sh runs 20), the burst
 * size {@code -Dkubelet-doctor.soak.notifications}; the figures go to target/kill9-soak.txt.
 */
@PostgresTest
class ReplicasOnPostgresTests {

	private static final int ROUNDS = Integer.getInteger("kubelet-doctor.soak.rounds", 2);

	private static final int NOTIFICATIONS = Integer.getInteger("kubelet-doctor.soak.notifications", 60);

	private static final String[] NAMES = { "replica-a", "replica-b" };

	private static final int[] STARTS = new int[2];

	private static final ServiceProcess[] replicas = new ServiceProcess[2];

	private static TestPostgres.Database database;

	private static JdbcClient jdbc;

	@BeforeAll
	static void startTwoReplicas() {
		database = TestPostgres.createDatabase();
		jdbc = database.jdbc();
		// Both at once, as a Deployment's first rollout does: they run the migrations concurrently.
		CompletableFuture<ServiceProcess> first = CompletableFuture.supplyAsync(() -> start(0));
		CompletableFuture<ServiceProcess> second = CompletableFuture.supplyAsync(() -> start(1));
		replicas[0] = first.join();
		replicas[1] = second.join();
	}

	@AfterAll
	static void stopReplicas() {
		for (ServiceProcess replica : replicas) {
			if (replica != null) {
				replica.close();
			}
		}
		if (database != null) {
			database.close();
		}
	}

	private static ServiceProcess start(int replica) {
		int generation;
		synchronized (STARTS) {
			generation = ++STARTS[replica];
		}
		return ServiceProcess.start(NAMES[replica] + "-" + generation, database.url(), database.user(),
				database.password());
	}

	@Test
	void sameNotificationDeliveredToBothReplicasAtOnceOpensOneReportPerAlert() throws Exception {
		List<String> fingerprints = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < 20; i++) {
				String healthy = Webhook.newFingerprint();
				String expired = Webhook.newFingerprint();
				fingerprints.addAll(List.of(healthy, expired));
				Webhook anyReplica = replicas[0].webhook();
				String body = anyReplica.notification(List.of(alert(healthy, DemoScenarios.HEALTHY),
						alert(expired, DemoScenarios.EXPIRED_SERVING)));
				CyclicBarrier together = new CyclicBarrier(2);
				List<Future<HttpResponse<String>>> deliveries = new ArrayList<>();
				for (ServiceProcess replica : replicas) {
					Webhook webhook = replica.webhook();
					deliveries.add(pool.submit(() -> {
						together.await();
						return webhook.post(body);
					}));
				}
				HttpResponse<String> toFirst = deliveries.get(0).get(30, TimeUnit.SECONDS);
				HttpResponse<String> toSecond = deliveries.get(1).get(30, TimeUnit.SECONDS);
				assertThat(toFirst.statusCode()).as(toFirst.body()).isEqualTo(202);
				assertThat(toSecond.statusCode()).as(toSecond.body()).isEqualTo(202);
				assertThat(reportIds(anyReplica, toFirst)).hasSize(2).isEqualTo(reportIds(anyReplica, toSecond));
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("SELECT COUNT(DISTINCT report_id) FROM report_alert WHERE fingerprint IN (:f)")
			.param("f", fingerprints)
			.query(Long.class)
			.single()).isEqualTo(fingerprints.size());
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM report r WHERE r.parent_id IS NULL
				AND NOT EXISTS (SELECT 1 FROM report_alert a WHERE a.report_id = r.id)""")
			.query(Long.class)
			.single()).as("reports no alert points to").isZero();
	}

	@Test
	void replicaKilledMidBurstLosesNothingAcknowledgedAndItsWorkIsFinishedByTheOther() throws Exception {
		List<Figures> rounds = new ArrayList<>();
		KillRound round = new KillRound(replicas, ReplicasOnPostgresTests::start, jdbc, NOTIFICATIONS);
		System.out.println(Figures.header());
		for (int i = 1; i <= ROUNDS; i++) {
			Figures figures = round.run(i);
			System.out.println(figures.line());
			rounds.add(figures);
		}
		report(rounds);

		assertThat(rounds).allSatisfy((figures) -> {
			assertThat(figures.kill().exitStatus()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
			assertThat(figures.alertsAcknowledged()).isPositive();
			assertThat(figures.other()).as("answers other than 202 from a live replica").isZero();
			assertThat(figures.lost()).as("acknowledged alerts without a completed report").isZero();
			assertThat(figures.duplicates()).isZero();
		});
		assertThat(rounds).as("a replica was killed while it held claimed reports")
			.anyMatch((figures) -> !figures.kill().orphans().isEmpty());
		assertThat(rounds).as("the dead replica's reports were completed by the other")
			.allMatch((figures) -> figures.kill().orphans().isEmpty() || figures.recovery() != null);
	}

	private static void report(List<Figures> rounds) throws IOException {
		StringBuilder text = new StringBuilder();
		text.append(String.format("kill -9 soak: %d rounds, %d notifications per round, each delivered to both replicas%n",
				rounds.size(), NOTIFICATIONS));
		text.append(Figures.header()).append('\n');
		rounds.forEach((figures) -> text.append(figures.line()).append('\n'));
		List<Duration> recoveries = rounds.stream().map(Figures::recovery).filter(Objects::nonNull).sorted().toList();
		text.append(String.format(
				"totals: deliveries sent %d, acknowledged (202) %d, unanswered (replica dead) %d, other answers %d, "
						+ "alert instances acknowledged %d, reports completed %d, lost %d, duplicates %d%n",
				sum(rounds, Figures::sent), sum(rounds, Figures::accepted), sum(rounds, Figures::unreachable),
				sum(rounds, Figures::other), sum(rounds, Figures::alertsAcknowledged), sum(rounds, Figures::completed),
				sum(rounds, Figures::lost), sum(rounds, Figures::duplicates)));
		text.append(String.format("kills mid-drain %d of %d; recovery time (kill to the dead replica's reports completed): %s%n",
				recoveries.size(), rounds.size(),
				recoveries.isEmpty() ? "-"
						: "min " + Figures.seconds(recoveries.get(0)) + ", median "
								+ Figures.seconds(recoveries.get(recoveries.size() / 2)) + ", max "
								+ Figures.seconds(recoveries.get(recoveries.size() - 1))));
		System.out.println(text);
		Files.writeString(Path.of("target", "kill9-soak.txt"), text);
	}

	private static int sum(List<Figures> rounds, ToIntFunction<Figures> figure) {
		return rounds.stream().mapToInt(figure).sum();
	}

	private static Map<String, Object> alert(String fingerprint, String node) {
		return Webhook.alert("firing", fingerprint, "2026-11-30T06:00:00Z",
				Map.of("alertname", "KubeletServerCertificateExpiration", "node", node));
	}

	private static List<String> reportIds(Webhook webhook, HttpResponse<String> response) {
		List<String> ids = new ArrayList<>();
		for (JsonNode report : webhook.json(response).get("reports")) {
			ids.add(report.get("id").asString());
		}
		return ids;
	}

}
