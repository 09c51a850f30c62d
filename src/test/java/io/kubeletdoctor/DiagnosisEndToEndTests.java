package io.kubeletdoctor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One end-to-end run per implemented root-cause code: a webhook post for a simulated node, the
 * Quartz drain, the seven steps against the simulated cluster, the rules, and the stored report.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class DiagnosisEndToEndTests {

	static final String UNREADABLE = "worker-unreadable";

	static final String BY_ADDRESS = "worker-by-address";

	static final String BY_ADDRESS_IP = "127.0.0.42";

	@LocalServerPort
	int port;

	@Autowired
	SimulatedCluster cluster;

	Webhook webhook;

	@BeforeEach
	void seed() {
		this.webhook = new Webhook(this.port);
		synchronized (SimulatedCluster.class) {
			if (this.cluster.client().nodes().withName(DemoScenarios.HEALTHY).get() == null) {
				DemoScenarios.seed(this.cluster);
				// Nothing about this node can be read: neither it, its Lease, nor its kubelet.
				this.cluster.node(UNREADABLE).ready().kubeletHanging().apply();
				this.cluster.failRequests("/nodes/" + UNREADABLE, 403);
				this.cluster.failRequests("/leases/" + UNREADABLE, 403);
				this.cluster.node(BY_ADDRESS).ready().addresses(BY_ADDRESS_IP).apply();
			}
		}
	}

	static Stream<Arguments> nodes() {
		List<Arguments> cases = new ArrayList<>();
		DemoScenarios.expectedVerdicts().forEach((node, code) -> cases.add(Arguments.of(node, code)));
		cases.add(Arguments.of("worker-that-never-existed", RootCauseCode.NODE_NOT_FOUND.name()));
		cases.add(Arguments.of(UNREADABLE, RootCauseCode.UNDETERMINED.name()));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("nodes")
	void nodeAlertIsDiagnosed(String node, String code) {
		JsonNode report = diagnose(Map.of("alertname", "KubeletServerCertificateExpiration", "node", node,
				"job", "kubelet"));
		assertThat(report.get("scope").asString()).isEqualTo("NODE");
		assertThat(report.get("node").asString()).isEqualTo(node);
		assertThat(report.get("rootCause").get("code").asString()).isEqualTo(code);
		assertThat(report.get("rootCause").get("evidence")).isNotEmpty();
		assertThat(report.get("steps")).extracting((step) -> step.get("id").asString())
			.containsExactly("node-status", "node-events", "kubelet-certificates", "kubelet-logs",
					"certificate-requests", "certificate-authority", "rbac");
	}

	@Test
	void expiredServingCertificateReportCarriesTheCertificateAndTheFix() {
		JsonNode report = diagnose(Map.of("alertname", "KubeletServerCertificateExpiration", "node",
				DemoScenarios.EXPIRED_SERVING));
		JsonNode serving = certificate(report, "SERVING");
		assertThat(Instant.parse(serving.get("notAfter").asString())).isBefore(Instant.now());
		assertThat(report.get("rootCause").get("title").asString())
			.as("client-go's throw-away CA and leaf are the kubelet's own kubelet.crt").contains("self-signed");
		assertThat(report.get("rootCause").get("remediation").get(0).get("commands").toString()).contains("kubelet.crt");
		assertThat(report.get("rootCause").get("confidence").asString()).isIn("HIGH", "MEDIUM");
	}

	@Test
	void pendingServingCsrsAreCapturedInTheReport() {
		JsonNode report = diagnose(Map.of("alertname", "KubeletServerCertificateRenewalErrors", "node",
				DemoScenarios.PENDING_SERVING_CSR));
		List<String> pending = new ArrayList<>();
		report.get("certificateRequests").forEach((csr) -> {
			if ("PENDING".equals(csr.get("condition").asString())) {
				pending.add(csr.get("signerName").asString());
			}
		});
		assertThat(pending).hasSize(3).containsOnly("kubernetes.io/kubelet-serving");
	}

	@Test
	void instanceLabelIsMatchedToTheNodeByAddress() {
		JsonNode report = diagnose(Map.of("alertname", "KubeletClientCertificateRenewalErrors", "instance",
				BY_ADDRESS_IP + ":10250"));
		assertThat(report.get("node").asString()).isEqualTo(BY_ADDRESS);
		assertThat(report.get("rootCause").get("code").asString()).isNotEqualTo("NODE_NOT_FOUND");
	}

	@Test
	void kubeletDownSweepsTheClusterAndLinksNodeReports() {
		JsonNode report = diagnose(Map.of("alertname", "KubeletDown", "severity", "critical"));
		assertThat(report.get("scope").asString()).isEqualTo("CLUSTER");
		assertThat(report.get("node").isNull()).isTrue();
		Map<String, String> affected = new LinkedHashMap<>();
		report.get("affectedNodes").forEach((n) -> affected.put(n.get("node").asString(),
				n.get("rootCauseCode").asString()));
		assertThat(affected).containsEntry(DemoScenarios.CLIENT_EXPIRED, "CLIENT_CERT_EXPIRED")
			.containsEntry(DemoScenarios.KUBELET_DOWN, "KUBELET_NOT_RUNNING")
			.doesNotContainKey(DemoScenarios.HEALTHY);
		String child = report.get("affectedNodes").get(0).get("reportId").asString();
		assertThat(this.webhook.report(child).get("status").asString()).isEqualTo("COMPLETED");
	}

	/**
	 * Hostile node labels in a good notification: each gets a report saying rejected input, none
	 * reaches an API path or a log line unescaped, and the healthy node's alert is diagnosed as usual.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void hostileNodeLabelsAreRejectedWhileTheRestOfTheNotificationProceeds(CapturedOutput output) {
		String traversal = "../namespaces/kube-system/secrets/x";
		String forged = "forged\r\n2026-12-01T00:00:00Z  INFO forged line \u001b[31m";
		String overLong = "n".repeat(300);
		List<Map<String, Object>> alerts = new ArrayList<>();
		for (String node : List.of(traversal, forged, overLong, DemoScenarios.HEALTHY)) {
			alerts.add(Webhook.alert("firing", Webhook.newFingerprint(), Instant.now().minusSeconds(60).toString(),
					Map.of("alertname", "KubeletServerCertificateExpiration", "node", node)));
		}
		JsonNode accepted = this.webhook.json(this.webhook.post(this.webhook.notification(alerts)));
		assertThat(accepted.get("reports")).hasSize(4);

		Map<String, JsonNode> reports = new LinkedHashMap<>();
		for (JsonNode ref : accepted.get("reports")) {
			JsonNode report = completed(ref.get("id").asString());
			reports.put(report.get("node").asString(), report);
		}
		assertThat(reports.get(DemoScenarios.HEALTHY).get("rootCause").get("code").asString())
			.isEqualTo(DemoScenarios.expectedVerdicts().get(DemoScenarios.HEALTHY));
		reports.remove(DemoScenarios.HEALTHY);
		assertThat(reports.keySet()).contains(traversal, forged).anyMatch((node) -> node.startsWith("nnnn"));
		reports.values().forEach((report) -> {
			assertThat(report.get("rootCause").get("code").asString()).isEqualTo("UNDETERMINED");
			assertThat(report.get("rootCause").get("title").asString()).startsWith("Rejected input");
			assertThat(report.get("steps")).allMatch((step) -> step.get("status").asString().equals("SKIPPED"));
		});
		assertThat(this.cluster.requests()).noneMatch((request) -> request.contains("secrets")
				|| request.contains("forged") || request.contains("nnnn"));
		assertThat(output.getAll()).contains("forged\\r\\n2026-12-01T00:00:00Z  INFO forged line \\u001b[31m")
			.doesNotContain("\u001b[31m")
			.doesNotContain("\n2026-12-01T00:00:00Z  INFO forged line");
	}

	private JsonNode diagnose(Map<String, String> labels) {
		String body = this.webhook.notification(List.of(Webhook.alert("firing", Webhook.newFingerprint(),
				Instant.now().minus(Duration.ofMinutes(10)).toString(), labels)));
		JsonNode accepted = this.webhook.json(this.webhook.post(body));
		return completed(accepted.get("reports").get(0).get("id").asString());
	}

	private JsonNode completed(String id) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
				() -> this.webhook.report(id).get("status").asString(), (status) -> status.equals("COMPLETED")
						|| status.equals("FAILED"));
		JsonNode report = this.webhook.report(id);
		assertThat(report.get("status").asString()).as("report %s", id).isEqualTo("COMPLETED");
		return report;
	}

	private static JsonNode certificate(JsonNode report, String role) {
		for (JsonNode certificate : report.get("certificates")) {
			if (role.equals(certificate.get("role").asString())) {
				return certificate;
			}
		}
		throw new AssertionError("No " + role + " certificate in the report");
	}

}
