package io.kubeletdoctor.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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

	@Autowired
	SimulatedCluster cluster;

	/** The simulated cluster is shared with other test classes of this context. */
	@AfterEach
	void clearFailures() {
		this.cluster.clearFailures();
	}

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
		this.cluster.node("worker-metrics").apply();
		this.cluster.failRequests("/configmaps/kube-root-ca.crt", 403);
		Webhook webhook = new Webhook(this.port);
		webhook.post(webhook.notification(List.of(Webhook.alert("firing", Webhook.newFingerprint(),
				Instant.now().minus(Duration.ofMinutes(1)).toString(),
				Map.of("alertname", "KubeletServerCertificateExpiration", "node", "worker-metrics")))));
		webhook.post("{\"version\":\"3\"}");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String metrics = webhook.get("/actuator/prometheus").body();
			assertThat(metrics).contains("kubelet_doctor_notifications_received_total")
				.contains("kubelet_doctor_notifications_rejected_total{reason=\"invalid\"}")
				.contains("kubelet_doctor_reports_completed_total{root_cause=\"NO_FAULT_FOUND\"}")
				.contains("kubelet_doctor_step_duration_seconds_count{status=\"OK\",step=\"node-status\"}")
				.contains("kubelet_doctor_kubernetes_requests_total{outcome=\"success\",resource=\"nodes\",verb=\"get\"}")
				.contains("kubelet_doctor_kubernetes_requests_total{outcome=\"forbidden\",resource=\"configmaps\",verb=\"get\"}");
		});
	}

}
