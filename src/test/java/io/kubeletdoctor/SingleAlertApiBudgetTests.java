package io.kubeletdoctor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.demo.KubeletRequest;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.support.ApiRequests;
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
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN §8 for one node alert, end to end from the webhook: a handful of single-object reads for
 * the node, the cluster-scoped reads every diagnosis shares, and no cluster-wide LIST of nodes.
 * Also what a throttling API server (429) does to a diagnosis: slows it, never breaks it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class SingleAlertApiBudgetTests {

	private static final String NODE = "budget-worker";

	private static final String THROTTLED_NODE = "throttled-worker";

	@LocalServerPort
	int port;

	@Autowired
	SimulatedCluster cluster;

	Webhook webhook;

	@BeforeEach
	void seed() {
		this.webhook = new Webhook(this.port);
		this.cluster.node(NODE).apply();
		this.cluster.node(THROTTLED_NODE).apply();
		this.cluster.clearRequests();
	}

	@Test
	void oneNodeAlertCostsAHandfulOfReads() {
		JsonNode report = diagnose(NODE);
		ApiRequests requests = new ApiRequests(this.cluster.requests());
		System.out.printf("API requests for one node alert diagnosed end to end:%n%s", requests.table());

		assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(requests.count("list nodes")).as("no cluster-wide LIST of nodes").isZero();
		// the node's own reads: the Node, its Lease, its events, three reviews; the kubelet is read directly
		assertThat(requests.count("get nodes")).isOne();
		assertThat(requests.count("get leases in kube-node-lease")).isOne();
		assertThat(requests.count("list events")).isOne();
		assertThat(requests.count("get nodes/proxy configz") + requests.count("get nodes/proxy metrics")
				+ requests.count("get nodes/proxy logs")).as("no kubelet read through the API server").isZero();
		assertThat(this.cluster.kubeletRequests()).extracting(KubeletRequest::permission)
			.containsExactlyInAnyOrder("nodes/configz", "nodes/metrics", "nodes/log");
		assertThat(requests.count("create subjectaccessreviews")).isEqualTo(3);
		// the cluster-scoped reads a drain shares: CSRs, CA bundle, controller-manager Lease, kubeadm bindings
		assertThat(requests.count("list certificatesigningrequests")).isOne();
		// the CA bundle for the certificate-authority step, and as the kubelet CA unless an earlier diagnosis
		// of this cluster read it less than five minutes ago
		long caBundleReads = requests.exactly("GET /api/v1/namespaces/kube-system/configmaps/kube-root-ca.crt");
		assertThat(caBundleReads).isBetween(1L, 2L);
		assertThat(requests.exactly("GET /apis/coordination.k8s.io/v1/namespaces/kube-system/leases/"
				+ "kube-controller-manager")).isOne();
		assertThat(requests.count("get clusterrolebindings")).isEqualTo(3);
		assertThat(requests.count("list clusterrolebindings")).as("no LIST of every binding").isZero();
		assertThat(requests.total() - caBundleReads).isEqualTo(11);
	}

	@Test
	void aThrottlingApiServerSlowsADiagnosisButNeverBreaksIt() {
		// the first two reads of the CSR list are throttled, each with Retry-After: 1
		this.cluster.failRequests("certificatesigningrequests", 429, 2);
		// the node's events are throttled for good: the read gives up after its retries
		this.cluster.failRequests("involvedObject.name%3D" + THROTTLED_NODE, 429);
		try {
			JsonNode report = diagnose(THROTTLED_NODE);

			assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
			assertThat(step(report, "certificate-requests").get("status").asString()).isNotEqualTo("UNAVAILABLE");
			assertThat(step(report, "node-events").get("status").asString()).isEqualTo("UNAVAILABLE");
			assertThat(step(report, "node-events").get("summary").asString()).startsWith("throttled: list events");
			assertThat(step(report, "kubelet-logs").get("status").asString())
				.as("kubelet reads do not go through the API server").isNotEqualTo("UNAVAILABLE");
			ApiRequests requests = new ApiRequests(this.cluster.requests());
			assertThat(requests.count("list certificatesigningrequests")).isEqualTo(3);
			assertThat(requests.count("list events")).isEqualTo(3);
		}
		finally {
			this.cluster.clearFailures();
		}
	}

	private JsonNode diagnose(String node) {
		String body = this.webhook.notification(List.of(Webhook.alert("firing", Webhook.newFingerprint(),
				Instant.now().minus(Duration.ofMinutes(10)).toString(),
				Map.of("alertname", "KubeletClientCertificateExpiration", "node", node))));
		String id = this.webhook.json(this.webhook.post(body)).get("reports").get(0).get("id").asString();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(
				() -> this.webhook.report(id).get("status").asString(), (status) -> !status.equals("QUEUED")
						&& !status.equals("RUNNING"));
		return this.webhook.report(id);
	}

	private static JsonNode step(JsonNode report, String id) {
		for (JsonNode step : report.get("steps")) {
			if (id.equals(step.get("id").asString())) {
				return step;
			}
		}
		throw new AssertionError("No step " + id + " in the report");
	}

}
