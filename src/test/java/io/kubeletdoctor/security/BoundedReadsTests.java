package io.kubeletdoctor.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers cannot starve the webhook of database connections: with a pool of three and at most two
 * reads at once, two reads that hold their connection leave the third for the webhook, and a
 * further reader is told to come back (503, Retry-After) instead of taking it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kubelet-doctor.ui.max-concurrent-reads=2", "kubelet-doctor.ui.read-wait=300ms",
				"spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.minimum-idle=3",
				"kubelet-doctor.demo.send-sample-alerts=false" })
@ActiveProfiles("test")
@Import({ SimulatedClusterTestConfiguration.class, BoundedReadsTests.SlowPage.class })
class BoundedReadsTests {

	static final CountDownLatch holding = new CountDownLatch(2);

	static final CountDownLatch release = new CountDownLatch(1);

	@LocalServerPort
	int port;

	@Test
	void slowReadsLeaveAConnectionForTheWebhookAndFurtherReadsAreToldToRetry() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> slow = List.of(read(http, "/slow-page"),
				read(http, "/slow-page"));
		try {
			assertThat(holding.await(10, TimeUnit.SECONDS)).as("both slow reads hold a connection").isTrue();

			HttpResponse<String> refused = read(http, "/api/v1/reports").get(5, TimeUnit.SECONDS);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

			Webhook webhook = new Webhook(this.port);
			Instant before = Instant.now();
			HttpResponse<String> accepted = webhook.post(webhook.notification(List.of(Webhook.alert("firing",
					Webhook.newFingerprint(), Instant.now().toString(),
					Map.of("alertname", "KubeletServerCertificateExpiration", "node", "worker-bounded")))));
			assertThat(accepted.statusCode()).isEqualTo(202);
			assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(2));
		}
		finally {
			release.countDown();
		}
		for (CompletableFuture<HttpResponse<String>> read : slow) {
			assertThat(read.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
		assertThat(read(http, "/api/v1/reports").get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
	}

	private CompletableFuture<HttpResponse<String>> read(HttpClient http, String path) {
		return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + Webhook.READ_TOKEN)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A page whose query takes as long as the test wants, holding its database connection. */
	@RestController
	static class SlowPage {

		@Autowired
		DataSource dataSource;

		@GetMapping("/slow-page")
		String slow() throws SQLException, InterruptedException {
			try (Connection connection = this.dataSource.getConnection()) {
				holding.countDown();
				release.await(20, TimeUnit.SECONDS);
				return "done";
			}
		}

	}

}
