package io.kubeletdoctor.intake;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.intake.RecordingProxy.Delivery;
import io.kubeletdoctor.report.AlertTimes;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The webhook fed by a real Alertmanager binary (DESIGN §7): Alertmanager posts through a
 * recording proxy to the service, with the Bearer token read from a file as an operator would
 * configure it. Skipped when no binary is installed, unless {@code CI} is set.
 *
 * <p>
 * The queue limit is one report so the 503 is the service's own answer to a full queue: with the
 * Quartz drains in standby, one queued report keeps the webhook refusing until the drains resume.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "kubelet-doctor.webhook.max-queued-reports=1")
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
@DirtiesContext
@EnabledIf(value = "installedOrRequired", disabledReason = RealAlertmanagerTests.NO_BINARY)
class RealAlertmanagerTests {

	static final String NO_BINARY = "No Alertmanager binary (prometheus-alertmanager or alertmanager) on the PATH;"
			+ " on Debian: apt-get install prometheus-alertmanager.";

	private static final Logger logger = LoggerFactory.getLogger(RealAlertmanagerTests.class);

	/** A dot, so Alertmanager sends it regex-escaped as {@code kubelet\.doctor}. */
	static final String RECEIVER = "kubelet.doctor";

	static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	static Path directory;

	static @Nullable RecordingProxy proxy;

	static @Nullable AlertmanagerProcess alertmanager;

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	SimulatedCluster cluster;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Scheduler scheduler;

	Webhook webhook;

	/** Without a binary the tests are skipped, except in CI, where they must run (and then fail). */
	static boolean installedOrRequired() {
		return AlertmanagerProcess.locate().isPresent() || System.getenv("CI") != null;
	}

	@BeforeAll
	static void startAlertmanager() throws Exception {
		Optional<Path> binary = AlertmanagerProcess.locate();
		if (binary.isEmpty()) {
			fail(NO_BINARY + " CI is set, so these tests may not be skipped.");
		}
		logger.info("Testing against {}: {}", binary.get(), AlertmanagerProcess.version(binary.get()));
		proxy = RecordingProxy.start();
		alertmanager = AlertmanagerProcess.start(binary.get(), directory, RECEIVER, proxy.url(
				AlertmanagerWebhookController.PATH), Webhook.TOKEN);
	}

	@AfterAll
	static void stopAlertmanager() {
		if (alertmanager != null) {
			alertmanager.close();
		}
		if (proxy != null) {
			proxy.close();
		}
	}

	@BeforeEach
	void setUp() {
		proxy().forwardTo(this.port);
		this.webhook = new Webhook(this.port);
		synchronized (SimulatedCluster.class) {
			if (this.cluster.client().nodes().withName(DemoScenarios.HEALTHY).get() == null) {
				DemoScenarios.seed(this.cluster);
			}
		}
	}

	@Test
	void firingAlertIsDiagnosedAndItsResolutionMarksTheReport() {
		String node = DemoScenarios.EXPIRED_SERVING;
		Map<String, String> labels = Map.of("alertname", "KubeletServerCertificateExpiration", "node", node,
				"severity", "warning", "job", "kubelet");
		Instant startsAt = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
		alertmanager().post(List.of(AlertmanagerProcess.alert(labels, startsAt, null)));

		JsonNode report = eventually(() -> latestReport(node),
				(r) -> r != null && "COMPLETED".equals(r.get("status").asString()), "a completed report for " + node);
		assertThat(report.get("rootCause").get("code").asString())
			.isEqualTo(DemoScenarios.expectedVerdicts().get(node));
		assertThat(report.get("alertStatus").asString()).isEqualTo("FIRING");
		JsonNode alert = report.get("alerts").get(0);
		assertThat(alert.get("fingerprint").asString()).matches("[0-9a-f]{16}");
		assertThat(Instant.parse(alert.get("startsAt").asString())).isEqualTo(startsAt);

		// The proxy records a delivery once the service has answered: shortly after the service's own effect.
		Delivery first = eventually(() -> deliveries(node, "firing"), (d) -> !d.isEmpty(), "the delivery to " + node)
			.get(0);
		assertThat(first.status()).isEqualTo(202);
		assertThat(first.method()).isEqualTo("POST");
		assertThat(first.headers()).containsEntry("authorization", "Bearer " + Webhook.TOKEN)
			.containsEntry("content-type", "application/json");
		assertThat(first.headers().get("user-agent")).startsWith("Alertmanager/");
		JsonNode payload = this.json.readTree(first.body());
		assertThat(payload.get("version").asString()).isEqualTo("4");
		assertThat(payload.get("receiver").asString()).isEqualTo("kubelet\\.doctor");
		assertThat(payload.get("alerts").get(0).get("endsAt").asString()).isEqualTo("0001-01-01T00:00:00Z");
		String notificationId = this.json.readTree(first.answer()).get("notificationId").asString();
		assertThat(this.jdbc.sql("SELECT receiver FROM notification WHERE id = ?")
			.param(notificationId)
			.query(String.class)
			.single()).isEqualTo(RECEIVER);

		// repeat_interval elapses: the same alert instance again, answered with the same report.
		List<Delivery> repeats = eventually(() -> deliveries(node, "firing"), (d) -> d.size() >= 2,
				"a repeated notification for " + node);
		assertThat(repeats).extracting(Delivery::status).containsOnly(202);
		assertThat(repeats).extracting((d) -> reportId(d.answer())).containsOnly(report.get("id").asString());
		assertThat(reports(node)).hasSize(1);

		Instant endsAt = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
		alertmanager().post(List.of(AlertmanagerProcess.alert(labels, startsAt, endsAt)));
		JsonNode resolved = eventually(() -> latestReport(node),
				(r) -> r != null && "RESOLVED".equals(r.get("alertStatus").asString()), "the report resolved");
		assertThat(resolved.get("id").asString()).isEqualTo(report.get("id").asString());
		assertThat(resolved.get("rootCause").get("code").asString())
			.isEqualTo(DemoScenarios.expectedVerdicts().get(node));
		Delivery resolution = eventually(() -> deliveries(node, "resolved"), (d) -> !d.isEmpty(),
				"the resolved notification for " + node)
			.get(0);
		assertThat(resolution.status()).isEqualTo(202);
		assertThat(Instant.parse(this.json.readTree(resolution.body()).get("alerts").get(0).get("endsAt").asString()))
			.isEqualTo(endsAt);
	}

	/**
	 * Alertmanager keeps the nanoseconds of startsAt and sends them on every repeat: each repeat and
	 * the resolve must find the one report the first delivery opened.
	 */
	@Test
	void nanosecondAlertRepeatedEveryRepeatIntervalKeepsItsReportUntilResolved() {
		String node = DemoScenarios.PENDING_SERVING_CSR;
		Map<String, String> labels = Map.of("alertname", "KubeletServerCertificateExpiration", "node", node);
		Instant startsAt = Instant.now().minus(Duration.ofMinutes(7)).truncatedTo(ChronoUnit.SECONDS).plusNanos(717617512);
		alertmanager().post(List.of(AlertmanagerProcess.alert(labels, startsAt, null)));

		List<Delivery> repeats = eventually(() -> deliveries(node, "firing"), (d) -> d.size() >= 3,
				"three firing notifications for " + node);
		JsonNode sent = this.json.readTree(repeats.get(0).body()).get("alerts").get(0);
		assertThat(sent.get("startsAt").asString()).as("Alertmanager sends the nanoseconds").endsWith(".717617512Z");
		assertThat(repeats).extracting(Delivery::status).containsOnly(202);
		String id = reportId(repeats.get(0).answer());
		assertThat(repeats).extracting((d) -> reportId(d.answer())).containsOnly(id);
		assertThat(reports(node)).hasSize(1);

		Instant endsAt = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).plusNanos(123456789);
		alertmanager().post(List.of(AlertmanagerProcess.alert(labels, startsAt, endsAt)));
		Delivery resolution = eventually(() -> deliveries(node, "resolved"), (d) -> !d.isEmpty(),
				"the resolved notification for " + node)
			.get(0);
		assertThat(resolution.status()).isEqualTo(202);
		assertThat(reportId(resolution.answer())).isEqualTo(id);
		JsonNode report = this.webhook.report(id);
		assertThat(report.get("alertStatus").asString()).isEqualTo("RESOLVED");
		assertThat(Instant.parse(report.get("alerts").get(0).get("endsAt").asString()))
			.isEqualTo(AlertTimes.stored(endsAt));
		assertThat(reports(node)).hasSize(1);
	}

	@Test
	void deliveryRefusedWith503IsRetriedUntilTheQueueHasRoom() throws SchedulerException {
		String node = DemoScenarios.CLIENT_EXPIRED;
		Map<String, String> labels = Map.of("alertname", "KubeletClientCertificateRenewalErrors", "node", node);
		this.scheduler.standby();
		try {
			// One queued report fills the queue while no drain runs.
			HttpResponse<String> blocker = this.webhook.post(this.webhook.notification(List.of(Webhook.alert("firing",
					Webhook.newFingerprint(), Instant.now().minus(Duration.ofMinutes(5)).toString(),
					Map.of("alertname", "KubeletServerCertificateExpiration", "node", DemoScenarios.HEALTHY)))));
			assertThat(blocker.statusCode()).isEqualTo(202);
			alertmanager().post(List.of(AlertmanagerProcess.alert(labels,
					Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MILLIS), null)));
			List<Delivery> refused = eventually(() -> deliveries(node, "firing"), (d) -> d.size() >= 2,
					"two refused deliveries for " + node);
			assertThat(refused).allSatisfy((d) -> {
				assertThat(d.status()).isEqualTo(503);
				assertThat(d.answerHeaders()).containsEntry("retry-after", IntakeExceptionHandler.RETRY_AFTER_SECONDS);
			});
			assertThat(reports(node)).isEmpty();
		}
		finally {
			this.scheduler.start();
		}

		JsonNode report = eventually(() -> latestReport(node),
				(r) -> r != null && "COMPLETED".equals(r.get("status").asString()), "a completed report for " + node);
		assertThat(report.get("rootCause").get("code").asString())
			.isEqualTo(DemoScenarios.expectedVerdicts().get(node));
		List<Delivery> attempts = eventually(() -> deliveries(node, "firing"),
				(d) -> d.stream().anyMatch((delivery) -> delivery.status() == 202), "an accepted delivery for " + node);
		int accepted = attempts.stream().map(Delivery::status).toList().indexOf(202);
		assertThat(accepted).as("an accepted delivery after the 503s").isGreaterThanOrEqualTo(2);
		assertThat(attempts.subList(0, accepted)).extracting(Delivery::status).containsOnly(503);
		assertThat(attempts.subList(0, accepted + 1)).extracting(Delivery::body)
			.as("every retry re-sends the same notification")
			.containsOnly(attempts.get(0).body());
		assertThat(reportId(attempts.get(accepted).answer())).isEqualTo(report.get("id").asString());
		logger.info("Deliveries for {}: {}", node, attempts.stream()
			.map((d) -> d.status() + " at +" + Duration.between(attempts.get(0).at(), d.at()).toMillis() + " ms")
			.toList());
	}

	/** Alertmanager's notifications for one node's group with the given status, in arrival order. */
	private List<Delivery> deliveries(String node, String status) {
		return proxy().deliveries().stream().filter((d) -> {
			JsonNode payload = this.json.readTree(d.body());
			return status.equals(payload.get("status").asString())
					&& node.equals(payload.get("groupLabels").path("node").asString());
		}).toList();
	}

	private List<JsonNode> reports(String node) {
		JsonNode items = this.webhook.json(this.webhook.get("/api/v1/reports?node=" + node)).get("items");
		return items.valueStream().toList();
	}

	private @Nullable JsonNode latestReport(String node) {
		List<JsonNode> reports = reports(node);
		return reports.isEmpty() ? null : reports.get(0);
	}

	private String reportId(String answer) {
		return this.json.readTree(answer).get("reports").get(0).get("id").asString();
	}

	/** Waits for a condition; on time-out shows what Alertmanager logged and delivered. */
	private <T> T eventually(Callable<T> supplier, Predicate<? super T> condition, String what) {
		try {
			return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(supplier, condition::test);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Timed out waiting for " + what + ".\nDeliveries: " + proxy().deliveries()
					+ "\nAlertmanager log:\n" + alertmanager().log(), ex);
		}
	}

	private static RecordingProxy proxy() {
		assertThat(proxy).isNotNull();
		return proxy;
	}

	private static AlertmanagerProcess alertmanager() {
		assertThat(alertmanager).isNotNull();
		return alertmanager;
	}

}
