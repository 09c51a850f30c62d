package io.kubeletdoctor.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook answer times with durable storage (the default H2 file database, WRITE_DELAY=0): prints
 * p50/p95/p99/max for sequential and concurrent posts. A benchmark, not a test: it asserts only
 * that every post was acknowledged, and runs when asked:
 * {@code ./mvnw test -Dtest=WebhookLatencyBenchmark -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kubelet-doctor.webhook.max-queued-reports=1000000", "kubelet-doctor.work.sweep-interval=1h" })
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class WebhookLatencyBenchmark {

	private static final int WARMUP = 300;

	private static final int POSTS = 2000;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void fileDatabase(DynamicPropertyRegistry registry) throws Exception {
		Path dir = Files.createTempDirectory("kubelet-doctor-bench");
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("db")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
	}

	@Test
	void webhookAnswerTimes() throws Exception {
		Webhook webhook = new Webhook(this.port);
		run(webhook, WARMUP, 1);
		print("sequential", run(webhook, POSTS, 1));
		print("4 concurrent clients", run(webhook, POSTS, 4));
	}

	private static List<Long> run(Webhook webhook, int posts, int clients) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(clients);
		List<Future<Long>> futures = new ArrayList<>();
		for (int i = 0; i < posts; i++) {
			String body = webhook.notification(List.of(Webhook.alert("firing", Webhook.newFingerprint(),
					Instant.now().toString(), Map.of("alertname", "KubeletServerCertificateExpiration", "node",
							"bench-node-" + (i % 500)))));
			futures.add(executor.submit(() -> {
				long start = System.nanoTime();
				HttpResponse<String> response = webhook.post(body);
				long micros = (System.nanoTime() - start) / 1000;
				assertThat(response.statusCode()).isEqualTo(202);
				return micros;
			}));
		}
		List<Long> micros = new ArrayList<>();
		for (Future<Long> future : futures) {
			micros.add(future.get());
		}
		executor.shutdown();
		return micros;
	}

	private static void print(String label, List<Long> micros) {
		Collections.sort(micros);
		System.out.printf("webhook answer, %s, %d posts: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", label,
				micros.size(), at(micros, 0.50), at(micros, 0.95), at(micros, 0.99), micros.get(micros.size() - 1) / 1000.0);
	}

	private static double at(List<Long> sorted, double quantile) {
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1000.0;
	}

}
