package io.kubeletdoctor.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a Kubernetes Deployment and a Prometheus scrape rely on. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class OperationsEndpointsTests {

	@LocalServerPort
	int port;

	@Test
	void probesAreUpAndReadinessChecksTheDatabase() {
		Webhook http = new Webhook(this.port);
		assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		var readiness = http.get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(http.json(readiness).get("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusExposesIntakeAndDiagnosisMetrics() {
		Webhook webhook = new Webhook(this.port);
		webhook.post(webhook.notification(List.of(Webhook.alert("firing", Webhook.newFingerprint(),
				Instant.now().minus(Duration.ofMinutes(1)).toString(),
				Map.of("alertname", "KubeletServerCertificateExpiration", "node", "worker-metrics")))));
		webhook.post("{\"version\":\"3\"}");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String metrics = webhook.get("/actuator/prometheus").body();
			assertThat(metrics).contains("kubelet_doctor_notifications_received_total")
				.contains("kubelet_doctor_notifications_rejected_total{reason=\"invalid\"}")
				.contains("kubelet_doctor_reports_completed_total{root_cause=\"NODE_NOT_FOUND\"}")
				.contains("kubelet_doctor_step_duration_seconds_count{status=\"CRITICAL\",step=\"node-status\"}");
		});
	}

}
