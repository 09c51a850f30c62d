package io.kubeletdoctor.fleet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeletdoctor.support.PostgresTest;
import io.kubeletdoctor.support.ServiceProcess;
import io.kubeletdoctor.support.TestPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas, each its own JVM, on one PostgreSQL database with the fleet schedule every ten
 * seconds: each firing runs one scan on one replica, and both replicas show and export that scan.
 */
@PostgresTest
class FleetScheduleOnPostgresTests {

	static final int PERIOD_SECONDS = 10;

	private static final Pattern SCAN_LINE = Pattern.compile("^(\\S+)\\s.*Fleet scan of cluster demo:", Pattern.MULTILINE);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private static ServiceProcess start(TestPostgres.Database database, String name) {
		return ServiceProcess.start(name, database.url(), database.user(), database.password(),
				"--kubelet-doctor.fleet.schedule=0/" + PERIOD_SECONDS + " * * * * ?",
				"--kubelet-doctor.fleet.gauge-refresh=2s");
	}

	@Test
	void eachFiringScansOnceAndBothReplicasShowTheScan() throws Exception {
		try (TestPostgres.Database database = TestPostgres.createDatabase()) {
			// both at once, as a Deployment's first rollout starts them
			CompletableFuture<ServiceProcess> first = CompletableFuture.supplyAsync(() -> start(database, "fleet-a"));
			CompletableFuture<ServiceProcess> second = CompletableFuture.supplyAsync(() -> start(database, "fleet-b"));
			try (ServiceProcess a = first.join(); ServiceProcess b = second.join()) {
				scheduleRunsOnOneReplicaAndBothShowTheScan(new ServiceProcess[] { a, b });
			}
		}
	}

	private void scheduleRunsOnOneReplicaAndBothShowTheScan(ServiceProcess[] replicas) throws Exception {
		Thread.sleep(Duration.ofSeconds(4 * PERIOD_SECONDS + 2).toMillis());
		Map<Long, Integer> scansPerFiring = new TreeMap<>();
		for (ServiceProcess replica : replicas) {
			Matcher matcher = SCAN_LINE.matcher(replica.logTail(5000));
			while (matcher.find()) {
				long firing = Instant.parse(matcher.group(1)).getEpochSecond() / PERIOD_SECONDS;
				scansPerFiring.merge(firing, 1, Integer::sum);
			}
		}
		assertThat(scansPerFiring).as("scans per firing of the schedule").hasSizeGreaterThanOrEqualTo(3);
		assertThat(scansPerFiring.values()).as("one replica scans each firing").containsOnly(1);

		await().atMost(Duration.ofSeconds(2L * PERIOD_SECONDS)).untilAsserted(() -> {
			String first = scannedAt(replicas[0]);
			assertThat(first).isNotNull().isEqualTo(scannedAt(replicas[1]));
			for (ServiceProcess replica : replicas) {
				assertThat(get(replica, "/actuator/prometheus")).contains(
						"kubelet_doctor_certificate_rotation_ok{certificate=\"serving\",cluster=\"demo\",node=\"worker-expired-serving\"} 0.0");
			}
		});
	}

	private String scannedAt(ServiceProcess replica) {
		JsonNode clusters = this.json.readTree(get(replica, "/api/v1/fleet")).get("clusters");
		return clusters.isEmpty() ? null : clusters.get(0).get("scannedAt").asString();
	}

	private String get(ServiceProcess replica, String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + path)).build(),
					HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
