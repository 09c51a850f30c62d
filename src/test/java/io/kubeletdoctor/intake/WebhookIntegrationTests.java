package io.kubeletdoctor.intake;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook contract of DESIGN §4.1, over real HTTP against the running service. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "kubelet-doctor.webhook.max-alerts=" + WebhookIntegrationTests.MAX_ALERTS)
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class WebhookIntegrationTests {

	static final int MAX_ALERTS = 3;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Webhook webhook;

	@BeforeEach
	void setUp() {
		this.webhook = new Webhook(this.port);
	}

	@Test
	void missingOrWrongCredentialsAre401WithoutDetail() {
		String body = firing("worker-a");
		for (String authorization : new String[] { null, "Bearer nope", "Bearer " + Webhook.TOKEN + "x",
				basic("alertmanager", "nope"), basic("someone", Webhook.TOKEN), "Basic !!!", "Token test-token" }) {
			HttpResponse<String> response = this.webhook.post(body, "application/json", authorization);
			assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
			assertThat(response.body()).doesNotContain("token", "password", "user");
		}
		assertThat(reportsFor("worker-a")).isZero();
	}

	@Test
	void basicAuthenticationIsAccepted() {
		HttpResponse<String> response = this.webhook.post(firing("worker-basic"), "application/json",
				basic("alertmanager", Webhook.TOKEN));
		assertThat(response.statusCode()).isEqualTo(202);
	}

	@Test
	void notJsonIs415() {
		HttpResponse<String> response = this.webhook.post("hello", "text/plain", "Bearer " + Webhook.TOKEN);
		assertThat(response.statusCode()).isEqualTo(415);
	}

	@Test
	void badPayloadsAre400NamingTheField() {
		assertField(this.webhook.post("{\"version\":\"3\",\"alerts\":[]}"), "version");
		assertField(this.webhook.post("{\"version\":\"4\"}"), "alerts");
		assertField(this.webhook.post("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\"}]}"), "alerts[0].labels");
		assertField(this.webhook.post("{oops"), "$");
	}

	@Test
	void aCharsetOtherThanUtf8Is400NamingTheContentTypeAndStoresNothing() {
		String body = firing("worker-latin1");
		HttpResponse<String> refused = this.webhook.post(body, "application/json; charset=ISO-8859-1",
				"Bearer " + Webhook.TOKEN);
		assertField(refused, "Content-Type");
		assertThat(this.webhook.post(body, "application/json; charset=utf-8", "Bearer " + Webhook.TOKEN)
			.statusCode()).isEqualTo(202);
	}

	@Test
	void aLabelHoldingNulKeepsTheOtherAlertsOfTheGroup() {
		String body = this.webhook.notification(List.of(
				Webhook.alert("firing", Webhook.newFingerprint(), "2026-11-30T06:40:52.123456789Z",
						Map.of("alertname", "Kubelet\u0000Down", "node", "worker\u0000nul")),
				Webhook.alert("firing", Webhook.newFingerprint(), "2026-11-30T06:40:52.123456789Z",
						Map.of("alertname", "KubeletClientCertificateExpiration", "node", "worker-beside-nul"))));
		HttpResponse<String> response = this.webhook.post(body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(this.webhook.json(response).get("reports")).hasSize(2);
	}

	@Test
	void oversizedBodyIs413() {
		String padding = "x".repeat(300 * 1024);
		HttpResponse<String> response = this.webhook.post(firing("worker-big").replace("test alert", padding));
		assertThat(response.statusCode()).isEqualTo(413);
	}

	@Test
	void moreAlertsThanMaxAlertsAre413NamingAlertmanagersMaxAlertsAndOpenNothing() {
		List<Map<String, Object>> alerts = IntStream.rangeClosed(0, MAX_ALERTS)
			.mapToObj((i) -> Webhook.alert("firing", Webhook.newFingerprint(), "2026-11-30T06:00:00Z",
					Map.of("alertname", "KubeletServerCertificateExpiration", "node", "worker-many-" + i)))
			.toList();
		HttpResponse<String> refused = this.webhook.post(this.webhook.notification(alerts));
		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(this.webhook.json(refused).get("detail").asString()).contains("max_alerts: " + MAX_ALERTS)
			.contains("kubelet-doctor.webhook.max-alerts");
		assertThat(reportsFor("worker-many-0")).isZero();

		HttpResponse<String> accepted = this.webhook.post(this.webhook.notification(alerts.subList(0, MAX_ALERTS)));
		assertThat(accepted.statusCode()).as("as many as allowed").isEqualTo(202);
		assertThat(reportsFor("worker-many-0")).isEqualTo(1);
	}

	@Test
	void acceptedNotificationListsItsReportsAndDuplicatesReuseThem() {
		String fingerprint = Webhook.newFingerprint();
		String body = this.webhook.notification(List.of(Webhook.alert("firing", fingerprint, "2026-11-30T06:00:00Z",
				Map.of("alertname", "KubeletServerCertificateExpiration", "node", "worker-dup"))));
		HttpResponse<String> first = this.webhook.post(body);
		assertThat(first.statusCode()).isEqualTo(202);
		JsonNode accepted = this.webhook.json(first);
		assertThat(accepted.get("notificationId").asString()).isNotBlank();
		JsonNode report = accepted.get("reports").get(0);
		assertThat(report.get("node").asString()).isEqualTo("worker-dup");
		assertThat(report.get("cluster").asString()).isEqualTo(SimulatedClusterTestConfiguration.CLUSTER);
		assertThat(report.get("url").asString()).endsWith("/reports/" + report.get("id").asString());

		JsonNode again = this.webhook.json(this.webhook.post(body));
		assertThat(again.get("reports").get(0).get("id").asString()).isEqualTo(report.get("id").asString());
		assertThat(reportsFor("worker-dup")).isEqualTo(1);
	}

	/** Alertmanager is written in Go: its times carry nanoseconds, and every repeat must find the report. */
	@Test
	void redeliveryOfANanosecondAlertReusesItsReportAndItsResolveMarksIt() {
		String fingerprint = Webhook.newFingerprint();
		Map<String, String> labels = Map.of("alertname", "KubeletServerCertificateExpiration", "node", "worker-nano");
		String body = this.webhook.notification(
				List.of(Webhook.alert("firing", fingerprint, "2026-12-01T18:31:41.717617512Z", labels)));
		HttpResponse<String> first = this.webhook.post(body);
		assertThat(first.statusCode()).isEqualTo(202);
		String id = this.webhook.json(first).get("reports").get(0).get("id").asString();

		HttpResponse<String> again = this.webhook.post(body);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
		assertThat(this.webhook.json(again).get("reports").get(0).get("id").asString()).isEqualTo(id);

		HttpResponse<String> resolved = this.webhook.post(this.webhook
			.notification(List.of(Webhook.alert("resolved", fingerprint, "2026-12-01T20:31:41.717617512+02:00", labels))));
		assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(202);
		assertThat(this.webhook.json(resolved).get("reports").get(0).get("id").asString()).isEqualTo(id);
		assertThat(this.webhook.report(id).get("alertStatus").asString()).isEqualTo("RESOLVED");
		assertThat(reportsFor("worker-nano")).isEqualTo(1);
	}

	/** Receiver names and group keys (label values) have no bound in Alertmanager. */
	@Test
	void notificationWithALongReceiverAndGroupKeyIsStored() {
		String receiver = "kubelet.doctor-" + "r".repeat(600);
		String groupKey = "{}/{}:{node=\"worker-long\", job=\"" + "j".repeat(5000) + "\"}";
		String body = GoWebhookEncoder.message(receiver, "firing",
				List.of(new GoWebhookEncoder.Alert("firing",
						List.of(Map.entry("alertname", "KubeletDown"), Map.entry("node", "worker-long")), List.of(),
						"2026-12-01T18:31:41.7176175Z", GoWebhookEncoder.ZERO_TIME, "", Webhook.newFingerprint())),
				groupKey, List.of(), 0, "http://alertmanager.test");
		HttpResponse<String> response = this.webhook.post(body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		Map<String, Object> stored = this.jdbc
			.sql("SELECT receiver, group_key, external_url FROM notification WHERE id = ?")
			.param(this.webhook.json(response).get("notificationId").asString())
			.query()
			.singleRow();
		assertThat(stored).containsEntry("receiver", receiver)
			.containsEntry("group_key", groupKey)
			.as("kept apart from the body, which retention drops")
			.containsEntry("external_url", "http://alertmanager.test");
	}

	@Test
	void alertsOfOneNodeShareOneReport() {
		String body = this.webhook.notification(List.of(
				Webhook.alert("firing", Webhook.newFingerprint(), "2026-11-30T06:00:00Z",
						Map.of("alertname", "KubeletServerCertificateExpiration", "node", "worker-two")),
				Webhook.alert("firing", Webhook.newFingerprint(), "2026-11-30T06:01:00Z",
						Map.of("alertname", "KubeletClientCertificateExpiration", "node", "worker-two"))));
		JsonNode accepted = this.webhook.json(this.webhook.post(body));
		assertThat(accepted.get("reports")).hasSize(1);
		assertThat(this.webhook.report(accepted.get("reports").get(0).get("id").asString()).get("alerts")).hasSize(2);
	}

	@Test
	void resolvedAlertMarksItsReportResolvedWithoutNewWork() {
		String fingerprint = Webhook.newFingerprint();
		Map<String, String> labels = Map.of("alertname", "KubeletClientCertificateExpiration", "node", "worker-res");
		JsonNode accepted = this.webhook.json(this.webhook.post(this.webhook
			.notification(List.of(Webhook.alert("firing", fingerprint, "2026-11-30T05:00:00Z", labels)))));
		String id = accepted.get("reports").get(0).get("id").asString();
		assertThat(this.webhook.report(id).get("alertStatus").asString()).isEqualTo("FIRING");

		HttpResponse<String> resolved = this.webhook.post(this.webhook
			.notification(List.of(Webhook.alert("resolved", fingerprint, "2026-11-30T05:00:00Z", labels))));
		assertThat(resolved.statusCode()).isEqualTo(202);
		assertThat(this.webhook.json(resolved).get("reports").get(0).get("id").asString()).isEqualTo(id);
		assertThat(this.webhook.report(id).get("alertStatus").asString()).isEqualTo("RESOLVED");
		assertThat(reportsFor("worker-res")).isEqualTo(1);
	}

	@Test
	void resolvedAlertNeverSeenOpensNothing() {
		HttpResponse<String> response = this.webhook.post(this.webhook.notification(List.of(Webhook.alert("resolved",
				Webhook.newFingerprint(), "2026-11-30T05:00:00Z",
				Map.of("alertname", "KubeletClientCertificateExpiration", "node", "worker-unseen")))));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(this.webhook.json(response).get("reports")).isEmpty();
		assertThat(reportsFor("worker-unseen")).isZero();
	}

	private String firing(String node) {
		return this.webhook.notification(List.of(Webhook.alert("firing", Webhook.newFingerprint(),
				"2026-11-30T06:00:00Z", Map.of("alertname", "KubeletServerCertificateExpiration", "node", node))));
	}

	private void assertField(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(this.webhook.json(response).get("field").asString()).isEqualTo(field);
	}

	private long reportsFor(String node) {
		return this.jdbc.sql("SELECT COUNT(*) FROM report WHERE node = ?").param(node).query(Long.class).single();
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
