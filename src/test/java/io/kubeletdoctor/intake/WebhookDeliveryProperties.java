package io.kubeletdoctor.intake;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.kubeletdoctor.intake.AlertLifecycle.Delivery;
import io.kubeletdoctor.report.AlertTimes;
import io.kubeletdoctor.support.Webhook;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redelivery and resolve over HTTP, with notifications written as Alertmanager's Go encoder writes
 * them (DESIGN §4.1): every delivery of an alert instance, however its times are written, is
 * answered 202 with the same report, its resolve marks that report, and the alert firing again
 * opens a new one; and no broken body is answered with exception or SQL text. Subclasses run them
 * on H2 and on PostgreSQL.
 */
abstract class WebhookDeliveryProperties {

	/** Alert identities (fingerprints, node names) unique within a test run. */
	private static final AtomicLong IDENTITIES = new AtomicLong(0x5000);

	abstract IntakeService service();

	@Provide
	Arbitrary<AlertLifecycle> lifecycles() {
		return AlertLifecycle.all();
	}

	@Property
	void everyDeliveryOfAnAlertFindsItsReportAndTheResolveMarksIt(@ForAll("lifecycles") AlertLifecycle lifecycle) {
		Identity alert = Identity.next();
		Answers answers = new Answers();
		for (Delivery delivery : lifecycle.firing()) {
			answers.expect(deliver(alert, lifecycle, delivery, "firing", lifecycle.startsAt(), null));
		}
		String firstReport = answers.reportOf(alert.node());
		assertThat(report(firstReport).get("alertStatus").asString()).isEqualTo("FIRING");

		for (Delivery delivery : lifecycle.resolved()) {
			answers.expect(deliver(alert, lifecycle, delivery, "resolved", lifecycle.startsAt(), lifecycle.endsAt()));
		}
		JsonNode resolved = report(firstReport);
		assertThat(resolved.get("alertStatus").asString()).isEqualTo("RESOLVED");
		JsonNode resolvedAlert = resolved.get("alerts").get(0);
		assertThat(Instant.parse(resolvedAlert.get("startsAt").asString()))
			.isEqualTo(AlertTimes.stored(lifecycle.startsAt()));
		assertThat(Instant.parse(resolvedAlert.get("endsAt").asString()))
			.isEqualTo(AlertTimes.stored(lifecycle.endsAt()));

		// Firing again is a new alert instance (a new startsAt): a new report, the old one stays resolved.
		answers.forget(alert.node());
		for (Delivery delivery : lifecycle.firingAgain()) {
			answers.expect(deliver(alert, lifecycle, delivery, "firing", lifecycle.firesAgainAt(), null));
		}
		String secondReport = answers.reportOf(alert.node());
		assertThat(secondReport).isNotEqualTo(firstReport);
		assertThat(report(secondReport).get("alertStatus").asString()).isEqualTo("FIRING");
		assertThat(report(firstReport).get("alertStatus").asString()).isEqualTo("RESOLVED");
		assertThat(reportsOf(alert.node())).isEqualTo(2);
		for (int companion = 0; companion < 2; companion++) {
			assertThat(reportsOf(alert.companionNode(companion))).isLessThanOrEqualTo(1);
		}
	}

	/** HA peers send the same notification at the same moment, each from a host in its own zone. */
	@Property(tries = 20)
	void peersDeliveringAtOnceShareOneReport(@ForAll("lifecycles") AlertLifecycle lifecycle) {
		Identity alert = Identity.next();
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> peers = new ArrayList<>();
		for (Delivery delivery : lifecycle.firing()) {
			String body = body(alert, lifecycle, delivery, "firing", lifecycle.startsAt(), null);
			peers.add(CompletableFuture.supplyAsync(() -> {
				awaitQuietly(start);
				return webhook().post(body);
			}));
		}
		start.countDown();
		Answers answers = new Answers();
		peers.forEach((peer) -> answers.expect(peer.join()));
		assertThat(reportsOf(alert.node())).isEqualTo(1);
	}

	@Provide
	Arbitrary<String> malformed() {
		return MalformedDeliveries.bodies();
	}

	/**
	 * A 4xx only for what can never be stored, never a 5xx while the database is up, and no answer
	 * that shows an exception or SQL text, whatever the body.
	 */
	@Property
	void noAnswerToABrokenBodyCarriesExceptionOrSqlText(@ForAll("malformed") String body) {
		HttpResponse<String> response = webhook().post(body);
		assertThat(response.statusCode()).as(response.body()).isIn(202, 400, 413, 422);
		if (response.statusCode() != 202) {
			ErrorAnswers.assertNoExceptionOrSqlText(response.body());
		}
	}

	private HttpResponse<String> deliver(Identity alert, AlertLifecycle lifecycle, Delivery delivery, String status,
			Instant startsAt, @Nullable Instant endsAt) {
		HttpResponse<String> response = webhook().post(body(alert, lifecycle, delivery, status, startsAt, endsAt));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		String notification = webhook().json(response).get("notificationId").asString();
		assertThat(jdbc().sql("SELECT receiver FROM notification WHERE id = ?")
			.param(notification)
			.query(String.class)
			.single()).as("the receiver, unescaped").isEqualTo(delivery.receiver());
		return response;
	}

	private static String body(Identity alert, AlertLifecycle lifecycle, Delivery delivery, String status,
			Instant startsAt, @Nullable Instant endsAt) {
		ZoneOffset offset = delivery.offset();
		List<Map.Entry<String, String>> labels = new ArrayList<>(lifecycle.extraLabels());
		labels.add(Map.entry("alertname", lifecycle.alertname()));
		labels.add(Map.entry("node", alert.node()));
		Collections.shuffle(labels, new Random(delivery.labelOrder()));
		List<GoWebhookEncoder.Alert> alerts = new ArrayList<>();
		alerts.add(new GoWebhookEncoder.Alert(status, labels, List.of(Map.entry("summary", "Certificate <trouble>")),
				GoWebhookEncoder.time(startsAt, offset), GoWebhookEncoder.time(endsAt, offset),
				"http://prometheus.test/graph?g0.expr=up&g0.tab=1", alert.fingerprint()));
		for (int companion = 0; companion < delivery.companions(); companion++) {
			// Other alerts of the same group, always the same instances: each keeps its one report.
			Instant companionStart = lifecycle.startsAt().minusNanos(60_000_000_123L * (companion + 1));
			GoWebhookEncoder.Alert other = new GoWebhookEncoder.Alert("firing",
					List.of(Map.entry("alertname", "KubeletDown"), Map.entry("node", alert.companionNode(companion))),
					List.of(), GoWebhookEncoder.time(companionStart, offset), GoWebhookEncoder.ZERO_TIME, "",
					alert.companionFingerprint(companion));
			if (delivery.alertFirst()) {
				alerts.add(other);
			}
			else {
				alerts.add(0, other);
			}
		}
		String groupStatus = alerts.stream().anyMatch((a) -> "firing".equals(a.status())) ? "firing" : "resolved";
		return GoWebhookEncoder.message(delivery.receiver(), groupStatus, alerts,
				"{}/{severity=\"warning\"}:{alertname=\"" + lifecycle.alertname() + "\"}",
				List.of(Map.entry("alertname", lifecycle.alertname())), 0, "http://alertmanager.test:9093");
	}

	private JsonNode report(String id) {
		return webhook().report(id);
	}

	private long reportsOf(String node) {
		return webhook().json(webhook().get("/api/v1/reports?node=" + node)).get("items").size();
	}

	private Webhook webhook() {
		return service().webhook();
	}

	private JdbcClient jdbc() {
		return service().jdbc();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The fingerprint and node of one generated alert, and of the two alerts grouped with it. */
	private record Identity(long id) {

		static Identity next() {
			return new Identity(IDENTITIES.addAndGet(4));
		}

		String fingerprint() {
			return String.format("%016x", this.id);
		}

		String node() {
			return "worker-" + this.id;
		}

		String companionFingerprint(int companion) {
			return String.format("%016x", this.id + 1 + companion);
		}

		String companionNode(int companion) {
			return "worker-" + this.id + "-" + companion;
		}

	}

	/** The report each node's alert was answered with: every later answer must name the same one. */
	private final class Answers {

		private final Map<String, String> reports = new HashMap<>();

		void expect(HttpResponse<String> response) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			Map<String, String> answered = new HashMap<>();
			for (JsonNode report : webhook().json(response).get("reports")) {
				String node = report.get("node").asString();
				assertThat(answered.put(node, report.get("id").asString())).as("one report per node").isNull();
			}
			answered.forEach((node, id) -> assertThat(this.reports.computeIfAbsent(node, (n) -> id))
				.as("the report of %s", node)
				.isEqualTo(id));
		}

		String reportOf(String node) {
			assertThat(this.reports).containsKey(node);
			return this.reports.get(node);
		}

		void forget(String node) {
			this.reports.remove(node);
		}

	}

}
