package io.kubeletdoctor.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.intake.WebhookCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In demo mode, posts sample Alertmanager notifications to the service's own webhook once it is
 * ready, one per simulated node plus a node the cluster does not have and a cluster-wide
 * {@code KubeletDown}, so {@code /reports} shows real diagnoses within seconds. It then logs the
 * URL to open and the webhook credential for trying it with curl.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "kubelet-doctor.demo.send-sample-alerts", havingValue = "true", matchIfMissing = true)
class DemoAlertSender {

	private static final Logger logger = LoggerFactory.getLogger(DemoAlertSender.class);

	static final String MISSING_NODE = "worker-decommissioned-7";

	private final WebhookCredential credential;

	private final Environment environment;

	private final JsonMapper json;

	private final Clock clock;

	DemoAlertSender(WebhookCredential credential, Environment environment, JsonMapper json, Clock clock) {
		this.credential = credential;
		this.environment = environment;
		this.json = json;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void sendSampleAlerts() {
		String base = "http://127.0.0.1:" + this.environment.getProperty("local.server.port", "8080");
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		int accepted = 0;
		for (Map<String, Object> notification : notifications()) {
			try {
				HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts"))
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + this.credential.token())
					.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(notification)))
					.build();
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				accepted += (response.statusCode() == 202) ? 1 : 0;
			}
			catch (Exception ex) {
				logger.warn("Demo: could not post a sample alert: {}", ex.toString());
			}
		}
		logger.info("""

				  kubelet-doctor demo is running with a simulated cluster ({} sample notifications accepted).
				  Open the reports:   {}/reports
				  Webhook:            POST {}/api/v1/alerts
				  Credential:         Authorization: Bearer {}
				""", accepted, base, base, this.credential.token());
	}

	List<Map<String, Object>> notifications() {
		List<Map<String, Object>> notifications = new ArrayList<>();
		Instant startsAt = this.clock.instant().minus(Duration.ofMinutes(20));
		DemoScenarios.alertNames()
			.forEach((node, alertname) -> notifications.add(notification(alertname, node, startsAt)));
		notifications.add(notification("KubeletClientCertificateExpiration", MISSING_NODE, startsAt));
		notifications.add(notification("KubeletDown", null, startsAt));
		return notifications;
	}

	private Map<String, Object> notification(String alertname, String node, Instant startsAt) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("alertname", alertname);
		labels.put("severity", "KubeletDown".equals(alertname) ? "critical" : "warning");
		labels.put("job", "kubelet");
		if (node != null) {
			labels.put("node", node);
		}
		String slug = alertname.toLowerCase();
		Map<String, String> annotations = Map.of("summary", alertname + ((node != null) ? " on " + node : ""),
				"description", "Sample alert sent by the kubelet-doctor demo.", "runbook_url",
				"https://runbooks.prometheus-operator.dev/runbooks/kubernetes/" + slug + "/");
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("status", "firing");
		alert.put("labels", labels);
		alert.put("annotations", annotations);
		alert.put("startsAt", startsAt.toString());
		alert.put("endsAt", "0001-01-01T00:00:00Z");
		alert.put("generatorURL", "http://prometheus.demo.invalid/graph?g0.expr=" + slug);
		alert.put("fingerprint", fingerprint(labels));
		Map<String, Object> notification = new LinkedHashMap<>();
		notification.put("version", "4");
		notification.put("groupKey", "{}:{alertname=\"" + alertname + "\"}");
		notification.put("truncatedAlerts", 0);
		notification.put("status", "firing");
		notification.put("receiver", "kubelet-doctor");
		notification.put("groupLabels", Map.of("alertname", alertname));
		notification.put("commonLabels", labels);
		notification.put("commonAnnotations", annotations);
		notification.put("externalURL", "http://alertmanager.demo.invalid");
		notification.put("alerts", List.of(alert));
		return notification;
	}

	/** Alertmanager's fingerprint is a 64-bit hash of the label set, printed as 16 hex digits. */
	private static String fingerprint(Map<String, String> labels) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(new java.util.TreeMap<>(labels).toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
