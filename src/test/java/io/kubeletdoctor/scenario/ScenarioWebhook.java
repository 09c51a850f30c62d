package io.kubeletdoctor.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.support.Webhook;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How every scenario reaches the service: one firing alert, ten minutes old, whose {@code cluster}
 * label names the scenario's simulated cluster; the report is read once its drain has finished.
 */
public final class ScenarioWebhook {

	private ScenarioWebhook() {
	}

	/** Posts the alert and waits for its one report to complete or fail; returns the report JSON. */
	public static JsonNode diagnose(int port, String cluster, Map<String, String> alertLabels) {
		Webhook webhook = new Webhook(port);
		Map<String, String> labels = new LinkedHashMap<>(alertLabels);
		labels.put("cluster", cluster);
		String body = webhook.notification(List.of(Webhook.alert("firing", Webhook.newFingerprint(),
				Instant.now().minus(Duration.ofMinutes(10)).toString(), labels)));
		JsonNode accepted = webhook.json(webhook.post(body));
		assertThat(accepted.path("reports")).as("reports opened for %s: %s", cluster, accepted).hasSize(1);
		String id = accepted.path("reports").get(0).path("id").asString();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> webhook.report(id).path("status").asString(),
					(status) -> status.equals("COMPLETED") || status.equals("FAILED"));
		return webhook.report(id);
	}

	/** Puts the alert's name and its label pairs, e.g. {@code "node", "worker-1"}, into {@code labels}. */
	public static void putAlert(Map<String, String> labels, String alertname, String... labelPairs) {
		if (labelPairs.length % 2 != 0) {
			throw new IllegalArgumentException("Labels come in name/value pairs: " + Arrays.toString(labelPairs));
		}
		labels.put("alertname", alertname);
		for (int i = 0; i < labelPairs.length; i += 2) {
			labels.put(labelPairs[i], labelPairs[i + 1]);
		}
	}

}
