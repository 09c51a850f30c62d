package io.kubeletdoctor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.kubeletdoctor.cluster.ApiThrottle;
import io.kubeletdoctor.cluster.ClusterRegistry;
import io.kubeletdoctor.cluster.FixedClusterRegistry;
import io.kubeletdoctor.cluster.RateLimit;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportStatus;
import io.kubeletdoctor.report.Reports;
import io.kubeletdoctor.support.ApiRequests;
import io.kubeletdoctor.support.StormNodes;
import io.kubeletdoctor.support.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN §8 for a storm: one notification with {@value #NODES} node alerts (most nodes healthy,
 * every tenth with its kubelet down), drained by the service as it runs, must read the
 * cluster-scoped evidence once, not once per node. The default rate limit (10 requests/s) would
 * stretch the ~9 per-node reads of 500 nodes over minutes, so this cluster's reader allows
 * {@value #REQUESTS_PER_SECOND} requests/s; the reads it counts do not depend on the limit.
 * Prints the requests by kind and the time the storm took.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kubelet-doctor.webhook.max-body-size=8MB", "kubelet-doctor.webhook.max-queued-reports=10000" })
@ActiveProfiles("test")
class AlertStormApiBudgetTests {

	static final int NODES = 500;

	static final int REQUESTS_PER_SECOND = 2000;

	static final String CLUSTER = "storm";

	@LocalServerPort
	int port;

	@Autowired
	SimulatedCluster cluster;

	@Autowired
	ApiThrottle throttle;

	@Autowired
	Reports reports;

	@Test
	void aStormReadsTheClusterScopedEvidenceOnce() {
		Webhook webhook = new Webhook(this.port);
		List<Map<String, Object>> alerts = new ArrayList<>();
		String startsAt = Instant.now().minus(Duration.ofMinutes(5)).toString();
		for (int i = 0; i < NODES; i++) {
			alerts.add(Webhook.alert("firing", Webhook.newFingerprint(), startsAt,
					Map.of("alertname", "KubeletClientCertificateExpiration", "node", node(i))));
		}
		this.cluster.clearRequests();
		long start = System.nanoTime();

		JsonNode accepted = webhook.json(webhook.post(webhook.notification(alerts)));
		List<String> ids = new ArrayList<>();
		accepted.get("reports").forEach((report) -> ids.add(report.get("id").asString()));
		assertThat(ids).hasSize(NODES);
		AtomicInteger done = new AtomicInteger();
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
			while (done.get() < ids.size() && StormNodes.finished(this.reports, ids.get(done.get()))) {
				done.incrementAndGet();
			}
			return done.get() == ids.size();
		});
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		ApiRequests requests = new ApiRequests(this.cluster.requests());
		ApiThrottle.Stats stats = this.throttle.stats();
		System.out.printf("Storm of %d node alerts drained in %.1f s (%d requests through the rate limiter, %d "
				+ "delayed for %d ms in all, %d retries); API requests by kind:%n%s", NODES, elapsed.toMillis() / 1000.0,
				stats.requests(), stats.delayed(), stats.waited().toMillis(), stats.retries(), requests.table());

		Map<ReportStatus, Integer> statuses = new LinkedHashMap<>();
		Map<String, Long> stepMillis = new LinkedHashMap<>();
		ids.forEach((id) -> {
			Report report = this.reports.find(id).orElseThrow();
			statuses.merge(report.status(), 1, Integer::sum);
			report.steps().forEach((step) -> stepMillis.merge(step.id(), step.durationMs(), Long::sum));
		});
		System.out.printf("Time spent in each step, all nodes together: %s ms%n", stepMillis);
		assertThat(statuses).containsExactly(Map.entry(ReportStatus.COMPLETED, NODES));
		// the cluster-scoped evidence: once for the whole storm (the CA bundle once more as the kubelet CA)
		assertThat(requests.count("list certificatesigningrequests")).isOne();
		assertThat(requests.exactly("GET /api/v1/namespaces/kube-system/configmaps/kube-root-ca.crt")).isEqualTo(2);
		assertThat(requests.exactly("GET /apis/coordination.k8s.io/v1/namespaces/kube-system/leases/"
				+ "kube-controller-manager")).isOne();
		assertThat(requests.count("get clusterrolebindings")).isEqualTo(3);
		// one LIST tells that no binding names a node's user, so the reviews are shared
		assertThat(requests.count("list clusterrolebindings")).isOne();
		assertThat(requests.count("list clusterroles")).isZero();
		// events: at most the first two nodes read their own, then every node shares one LIST
		assertThat(requests.count("list events")).isBetween(1L, 3L);
		// Nodes and Leases: a GET for each of the first two nodes, then LISTs read again every 5 s
		long snapshots = elapsed.toSeconds() / 5 + 2;
		assertThat(requests.count("get nodes")).isLessThanOrEqualTo(2);
		assertThat(requests.count("list nodes")).isBetween(1L, snapshots);
		assertThat(requests.count("get leases in kube-node-lease")).isLessThanOrEqualTo(2);
		assertThat(requests.count("list leases in kube-node-lease")).isBetween(1L, snapshots);
		// three reviews for each of the first two nodes, three shared by all the others
		assertThat(requests.count("create subjectaccessreviews")).isLessThanOrEqualTo(9);
		// the kubelet reads go to the kubelets, not through the API server
		assertThat(requests.count("get nodes/proxy configz")).isZero();
		assertThat(requests.total()).as("API requests for the whole storm").isLessThan(NODES / 4);
		System.out.printf("API requests: %d for %d nodes, %.2f per node%n", requests.total(), NODES,
				requests.total() / (double) NODES);
		assertThat(stats.requests()).isEqualTo(requests.total());
	}

	static String node(int i) {
		return String.format("storm-%03d", i);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class StormCluster {

		@Bean(destroyMethod = "close")
		SimulatedCluster stormCluster(Clock clock) {
			return StormNodes.start(clock, NODES, AlertStormApiBudgetTests::node);
		}

		@Bean
		ApiThrottle stormThrottle(MeterRegistry meterRegistry) {
			return new ApiThrottle(new RateLimit(REQUESTS_PER_SECOND, 200), 2, meterRegistry);
		}

		@Bean
		ClusterRegistry stormRegistry(SimulatedCluster stormCluster, ApiThrottle stormThrottle) {
			return new FixedClusterRegistry(List.of(stormCluster.reader(CLUSTER, stormThrottle)));
		}

	}

}
