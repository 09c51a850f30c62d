package io.kubeletdoctor.intake;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.report.OpenReport;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportAlert;
import io.kubeletdoctor.report.ReportStore;
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

/**
 * A full queue answers a notification that would add work 503 with Retry-After, which Alertmanager
 * retries, and stores nothing; one that adds none is accepted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kubelet-doctor.webhook.max-queued-reports=0", "kubelet-doctor.work.sweep-interval=1h" })
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class WebhookOverloadTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReportStore reports;

	@Test
	void fullQueueIs503WithRetryAfter() {
		Webhook webhook = new Webhook(this.port);
		long stored = notifications();
		HttpResponse<String> response = webhook.post(webhook.notification(List.of(Webhook.alert("firing",
				Webhook.newFingerprint(), "2026-11-30T06:00:00Z",
				Map.of("alertname", "KubeletServerCertificateExpiration", "node", "worker-overload")))));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(notifications()).isEqualTo(stored);
	}

	/** A repeat or a resolve adds no work: a full queue must not keep Alertmanager from delivering it. */
	@Test
	void repeatAndResolveOfAKnownAlertAreAcceptedWhileTheQueueIsFull() {
		Webhook webhook = new Webhook(this.port);
		String fingerprint = Webhook.newFingerprint();
		Map<String, String> labels = Map.of("alertname", "KubeletServerCertificateExpiration", "node", "worker-full");
		Instant startsAt = Instant.parse("2026-12-01T18:31:41.717617512Z");
		String id = this.reports.open(new OpenReport(SimulatedClusterTestConfiguration.CLUSTER, "worker-full", "node",
				Report.Scope.NODE, "earlier-delivery"));
		this.reports.attachAlert(id, SimulatedClusterTestConfiguration.CLUSTER, new ReportAlert(labels.get("alertname"),
				fingerprint, "firing", startsAt, null, labels, Map.of(), null));

		for (String status : List.of("firing", "resolved")) {
			HttpResponse<String> response = webhook
				.post(webhook.notification(List.of(Webhook.alert(status, fingerprint, startsAt.toString(), labels))));
			assertThat(response.statusCode()).as(status).isEqualTo(202);
			assertThat(webhook.json(response).get("reports").get(0).get("id").asString()).isEqualTo(id);
		}
		assertThat(webhook.report(id).get("alertStatus").asString()).isEqualTo("RESOLVED");
	}

	private long notifications() {
		return this.jdbc.sql("SELECT COUNT(*) FROM notification").query(Long.class).single();
	}

}
