package io.kubeletdoctor.intake;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** A full queue answers 503 with Retry-After, which Alertmanager retries, and stores nothing. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kubelet-doctor.webhook.max-queued-reports=0", "kubelet-doctor.work.sweep-interval=1h" })
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class WebhookOverloadTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void fullQueueIs503WithRetryAfter() {
		Webhook webhook = new Webhook(this.port);
		HttpResponse<String> response = webhook.post(webhook.notification(List.of(Webhook.alert("firing",
				Webhook.newFingerprint(), "2026-11-30T06:00:00Z",
				Map.of("alertname", "KubeletServerCertificateExpiration", "node", "worker-overload")))));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM notification").query(Long.class).single()).isZero();
	}

}
