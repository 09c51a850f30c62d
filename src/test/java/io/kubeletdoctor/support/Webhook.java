package io.kubeletdoctor.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Posts Alertmanager v4 notifications to the service under test and reads its JSON API. */
public final class Webhook {

	public static final String TOKEN = "test-token";

	/** The read credential of the {@code test} profile ({@code kubelet-doctor.ui.token}). */
	public static final String READ_TOKEN = "test-ui-token";

	private static final AtomicLong FINGERPRINTS = new AtomicLong(0x1000);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String base;

	public Webhook(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public static String newFingerprint() {
		return String.format("%016x", FINGERPRINTS.incrementAndGet());
	}

	public static Map<String, Object> alert(String status, String fingerprint, String startsAt,
			Map<String, String> labels) {
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("status", status);
		alert.put("labels", labels);
		alert.put("annotations", Map.of("summary", "test alert"));
		alert.put("startsAt", startsAt);
		alert.put("endsAt", "firing".equals(status) ? "0001-01-01T00:00:00Z" : "2026-11-30T09:00:00Z");
		alert.put("generatorURL", "http://prometheus.test/graph");
		alert.put("fingerprint", fingerprint);
		return alert;
	}

	public String notification(List<Map<String, Object>> alerts) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("version", "4");
		body.put("groupKey", "{}:{}");
		body.put("truncatedAlerts", 0);
		body.put("status", alerts.stream().anyMatch((a) -> "firing".equals(a.get("status"))) ? "firing" : "resolved");
		body.put("receiver", "kubelet\\-doctor");
		body.put("groupLabels", Map.of());
		body.put("commonLabels", Map.of());
		body.put("commonAnnotations", Map.of());
		body.put("externalURL", "http://alertmanager.test");
		body.put("alerts", alerts);
		return this.json.writeValueAsString(body);
	}

	public HttpResponse<String> post(String body) {
		return post(body, "application/json", "Bearer " + TOKEN);
	}

	public HttpResponse<String> post(String body, String contentType, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + "/api/v1/alerts"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	/** Reads as a reader holding the read credential does. */
	public HttpResponse<String> get(String path) {
		return get(path, "Bearer " + READ_TOKEN);
	}

	/** Reads with the given Authorization header, or none when it is null. */
	public HttpResponse<String> get(String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	public JsonNode json(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	/** Posts one alert and waits until the report it opened is completed; returns the report's id. */
	public String diagnosed(Map<String, Object> alert) {
		String id = json(post(notification(List.of(alert)))).get("reports").get(0).get("id").asString();
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> report(id).get("status").asString(), (status) -> status.equals("COMPLETED"));
		return id;
	}

	public JsonNode report(String id) {
		return json(get("/api/v1/reports/" + id));
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
