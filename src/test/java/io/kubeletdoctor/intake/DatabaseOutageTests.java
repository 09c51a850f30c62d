package io.kubeletdoctor.intake;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.support.PostgresTest;
import io.kubeletdoctor.support.ServiceProcess;
import io.kubeletdoctor.support.TcpProxy;
import io.kubeletdoctor.support.TestPostgres;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica whose PostgreSQL goes away answers the webhook 503 with Retry-After within seconds
 * (Alertmanager retries 5xx, never 4xx), and takes webhooks again, and diagnoses them, once the
 * database is back, without a restart. The database sits behind a TCP proxy the test controls.
 */
@PostgresTest
class DatabaseOutageTests {

	/**
	 * The longest wait of the postgres profile (a query on a connection gone silent: 5 s; a dead
	 * pooled connection found in 1 s, then Hikari's 3 s connection timeout), and slack.
	 */
	private static final Duration ANSWER_BOUND = Duration.ofSeconds(8);

	private static TestPostgres.Database database;

	private static TcpProxy proxy;

	private static ServiceProcess service;

	private static Webhook webhook;

	private static JdbcClient jdbc;

	@BeforeAll
	static void startReplicaBehindProxy() {
		database = TestPostgres.createDatabase();
		jdbc = database.jdbc();
		proxy = TcpProxy.to(database.host(), database.port());
		service = ServiceProcess.start("outage-1", database.urlThrough("127.0.0.1", proxy.port()), database.user(),
				database.password());
		webhook = service.webhook();
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.close();
		}
		if (proxy != null) {
			proxy.close();
		}
		if (database != null) {
			database.close();
		}
	}

	@AfterEach
	void databaseBack() {
		proxy.open();
	}

	@Test
	void databaseDownIs503WithRetryAfterThenAcceptedAndDiagnosedOnceItIsBack() {
		assertThat(post(Webhook.newFingerprint()).statusCode()).isEqualTo(202);

		proxy.refuse();
		assertUnavailable(Webhook.newFingerprint());

		proxy.open();
		String fingerprint = Webhook.newFingerprint();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(post(fingerprint).statusCode()).isEqualTo(202));
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(statusOf(fingerprint)).isEqualTo("COMPLETED"));
	}

	@Test
	void silentDatabaseIs503WithRetryAfterNotAHang() throws InterruptedException {
		assertThat(post(Webhook.newFingerprint()).statusCode()).isEqualTo(202);
		// idle pooled connections are checked when borrowed: that check must not hang either
		Thread.sleep(1000);

		proxy.blackhole();
		assertUnavailable(Webhook.newFingerprint());

		proxy.open();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(post(Webhook.newFingerprint()).statusCode()).isEqualTo(202));
	}

	private void assertUnavailable(String fingerprint) {
		Instant start = Instant.now();
		HttpResponse<String> response = post(fingerprint);
		Duration took = Duration.between(start, Instant.now());
		System.out.println("Webhook answered " + response.statusCode() + " in " + took.toMillis() + " ms");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
		ErrorAnswers.assertNoExceptionOrSqlText(response.body());
		assertThat(took).as("answered within %s", ANSWER_BOUND).isLessThan(ANSWER_BOUND);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM report_alert WHERE fingerprint = ?")
			.param(fingerprint)
			.query(Long.class)
			.single()).as("nothing stored for an answer that was not 202").isZero();
	}

	private HttpResponse<String> post(String fingerprint) {
		return webhook.post(webhook.notification(List.of(Webhook.alert("firing", fingerprint, "2026-11-30T06:00:00Z",
				Map.of("alertname", "KubeletClientCertificateExpiration", "node", DemoScenarios.HEALTHY)))));
	}

	private String statusOf(String fingerprint) {
		return jdbc.sql("""
				SELECT r.status FROM report_alert a JOIN report r ON r.id = a.report_id WHERE a.fingerprint = ?""")
			.param(fingerprint)
			.query(String.class)
			.optional()
			.orElse("NONE");
	}

}
