package io.kubeletdoctor.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.kubeletdoctor.cluster.ApiThrottle;
import io.kubeletdoctor.cluster.ClusterRegistry;
import io.kubeletdoctor.cluster.FixedClusterRegistry;
import io.kubeletdoctor.cluster.RateLimit;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.report.ReportStatus;
import io.kubeletdoctor.report.Reports;
import io.kubeletdoctor.support.ApiRequests;
import io.kubeletdoctor.support.StormNodes;
import io.kubeletdoctor.support.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 * Issue goal "5,000 nodes in a minute": {@code bench.nodes} single-node notifications (default
 * 5,000; every tenth kubelet down) posted as fast as the webhook takes them, drained by the service
 * at the default API rate limit (10/s, burst 20) against the simulated cluster: fabric8's mock
 * server in CRUD mode for Nodes, Leases and CSRs, and one TLS kubelet endpoint per node. Prints the
 * time to the last verdict, the API requests in all, per node and the most in any one second, and
 * the heap after the storm; and a fleet scan of the same nodes. A benchmark, not a test: it asserts
 * only that every report completed and every node was scanned.
 * {@code ./mvnw test -Dtest=NodeStormBenchmark -Dbench=true [-Dbench.nodes=2000]}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kubelet-doctor.webhook.max-queued-reports=100000", "kubelet-doctor.fleet.schedule=-" })
@ActiveProfiles("test")
class NodeStormBenchmark {

	static final int NODES = Integer.getInteger("bench.nodes", 5000);

	static final String CLUSTER = "test";

	@LocalServerPort
	int port;

	@Autowired
	SimulatedCluster cluster;

	@Autowired
	Reports reports;

	@Test
	void fiveThousandSingleNodeAlerts() throws Exception {
		Webhook webhook = new Webhook(this.port);
		String startsAt = Instant.now().minus(Duration.ofMinutes(5)).toString();
		this.cluster.clearRequests();
		List<long[]> samples = new ArrayList<>();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				samples.add(new long[] { System.nanoTime(), this.cluster.requests().size() });
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		long start = System.nanoTime();
		sampler.start();
		List<String> ids = new ArrayList<>();
		ExecutorService senders = Executors.newFixedThreadPool(8);
		List<Future<HttpResponse<String>>> posts = new ArrayList<>();
		for (int i = 0; i < NODES; i++) {
			String body = webhook.notification(List.of(Webhook.alert("firing", Webhook.newFingerprint(), startsAt,
					Map.of("alertname", "KubeletClientCertificateExpiration", "node", node(i)))));
			posts.add(senders.submit(() -> webhook.post(body)));
		}
		for (Future<HttpResponse<String>> post : posts) {
			webhook.json(post.get()).get("reports").forEach((report) -> ids.add(report.get("id").asString()));
		}
		senders.shutdown();
		Duration posted = Duration.ofNanos(System.nanoTime() - start);
		int[] done = { 0 };
		await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
			while (done[0] < ids.size() && StormNodes.finished(this.reports, ids.get(done[0]))) {
				done[0]++;
			}
			return done[0] == ids.size();
		});
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		sampler.interrupt();
		sampler.join();

		ApiRequests requests = new ApiRequests(this.cluster.requests());
		long completed = ids.stream().filter((id) -> this.reports.find(id).orElseThrow().status() == ReportStatus.COMPLETED)
			.count();
		System.gc();
		long heapMiB = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
		System.out.printf("%d single-node notifications: posted in %.1f s, last verdict after %.1f s; %d completed%n"
				+ "API requests: %d in all, %.3f per node, at most %d in one second; %d kubelet requests%n"
				+ "heap in use after the storm: %d MiB%n%s", NODES, posted.toMillis() / 1000.0,
				elapsed.toMillis() / 1000.0, completed, requests.total(), requests.total() / (double) NODES,
				mostInOneSecond(samples), this.cluster.kubeletRequests().size(), heapMiB, requests.table());
		assertThat(completed).isEqualTo(NODES);
	}

	/** Issue goal "a fleet scan of 5,000 nodes within 2 minutes at the request limit". */
	@Test
	void fleetScanOfEveryNode() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://127.0.0.1:" + this.port;
		this.cluster.clearRequests();
		long start = System.nanoTime();
		Instant before = Instant.now();
		HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/fleet/scan"))
			.header("Authorization", "Bearer " + Webhook.READ_TOKEN)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).isEqualTo(302);
		JsonMapper json = JsonMapper.builder().build();
		JsonNode scanned = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			JsonNode clusters = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/fleet"))
				.header("Authorization", "Bearer " + Webhook.READ_TOKEN)
				.build(), HttpResponse.BodyHandlers.ofString()).body()).get("clusters");
			return clusters.isEmpty() ? null : clusters.get(0);
		}, (cluster) -> cluster != null && !Instant.parse(cluster.get("scannedAt").asString()).isBefore(before));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		System.out.printf("Fleet scan of %d nodes: %.1f s, %d API requests, %d kubelet requests, %d nodes in the scan%n",
				NODES, elapsed.toMillis() / 1000.0, this.cluster.requests().size(), this.cluster.kubeletRequests().size(),
				scanned.get("nodes").size());
		assertThat(scanned.get("nodes").size()).isEqualTo(NODES);
	}

	private static long mostInOneSecond(List<long[]> samples) {
		long most = 0;
		for (int i = 0; i < samples.size(); i++) {
			for (int j = i; j < samples.size() && samples.get(j)[0] - samples.get(i)[0] <= 1_000_000_000L; j++) {
				most = Math.max(most, samples.get(j)[1] - samples.get(i)[1]);
			}
		}
		return most;
	}

	static String node(int i) {
		return String.format("bench-%05d", i);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class StormCluster {

		@Bean(destroyMethod = "close")
		SimulatedCluster benchCluster(Clock clock) {
			return StormNodes.start(clock, NODES, NodeStormBenchmark::node);
		}

		/** The default limit, 10 requests/s with a burst of 20, as a real cluster's reader has it. */
		@Bean
		ClusterRegistry benchRegistry(SimulatedCluster benchCluster, MeterRegistry meterRegistry) {
			ApiThrottle throttle = ApiThrottle.forClient(RateLimit.DEFAULT, benchCluster.client().getConfiguration(),
					meterRegistry);
			return new FixedClusterRegistry(List.of(benchCluster.reader(CLUSTER, throttle)));
		}

	}

}
