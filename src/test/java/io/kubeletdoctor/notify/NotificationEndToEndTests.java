package io.kubeletdoctor.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chat notifications through the running service: Alertmanager posts to the real webhook, the
 * drain diagnoses a simulated node, and the configured routes receive their messages on a local
 * receiver. The public URL is the service's own port, so the permalinks can be opened.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class NotificationEndToEndTests {

	private static final RecordingReceiver receiver = RecordingReceiver.start();

	private static final int port = freePort();

	private static final String HOOK_TOKEN = "Bearer hook-token";

	@Autowired
	SimulatedCluster cluster;

	Webhook webhook;

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> port);
		registry.add("kubelet-doctor.public-url", () -> "http://127.0.0.1:" + port + "/");
		registry.add("kubelet-doctor.notify.backoff", () -> "100ms");
		route(registry, 0, "chat", "slack", "/slack");
		registry.add("kubelet-doctor.notify.routes[0].clusters", () -> SimulatedClusterTestConfiguration.CLUSTER);
		route(registry, 1, "ca-team", "teams", "/teams");
		registry.add("kubelet-doctor.notify.routes[1].root-causes", () -> "CA_EXPIRED,CA_MISMATCH");
		route(registry, 2, "bot", "webhook", "/hook");
		registry.add("kubelet-doctor.notify.routes[2].alertnames", () -> "KubeletDown");
		registry.add("kubelet-doctor.notify.routes[2].headers.Authorization", () -> HOOK_TOKEN);
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void seed() {
		this.webhook = new Webhook(port);
		synchronized (SimulatedCluster.class) {
			if (this.cluster.client().nodes().withName(DemoScenarios.HEALTHY).get() == null) {
				DemoScenarios.seed(this.cluster);
			}
		}
	}

	@Test
	void verdictIsPostedOnceWithAWorkingPermalinkAndFollowedUpWhenResolved() {
		String fingerprint = Webhook.newFingerprint();
		String startsAt = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS).toString();
		Map<String, String> labels = Map.of("alertname", "KubeletServerCertificateExpiration", "node",
				DemoScenarios.EXPIRED_SERVING, "cluster", SimulatedClusterTestConfiguration.CLUSTER);
		String firing = this.webhook.notification(List.of(Webhook.alert("firing", fingerprint, startsAt, labels)));
		String id = accepted(firing);

		List<JsonNode> messages = awaitSlack(id, 1);
		JsonNode report = this.webhook.report(id);
		assertThat(report.get("rootCause").get("code").asString()).isEqualTo("SERVING_CERT_EXPIRED");
		JsonNode blocks = messages.get(0).get("blocks");
		assertThat(blocks.get(0).get("text").get("text").asString()).startsWith(DemoScenarios.EXPIRED_SERVING)
			.contains(report.get("rootCause").get("title").asString());
		assertThat(blocks.get(1).get("fields").toString()).contains("SERVING_CERT_EXPIRED");
		String permalink = blocks.get(2).get("elements").get(0).get("url").asString();
		assertThat(permalink).isEqualTo(report.get("links").get("html").asString())
			.isEqualTo("http://127.0.0.1:" + port + "/reports/" + id);
		HttpResponse<String> page = get(permalink);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains(DemoScenarios.EXPIRED_SERVING, "SERVING_CERT_EXPIRED");

		assertThat(accepted(firing)).as("a duplicate delivery reuses the report").isEqualTo(id);
		pause();
		assertThat(slackFor(id)).as("a duplicate delivery sends nothing").hasSize(1);

		String resolved = this.webhook.notification(List.of(Webhook.alert("resolved", fingerprint, startsAt, labels)));
		assertThat(accepted(resolved)).isEqualTo(id);
		JsonNode followUp = awaitSlack(id, 2).get(1);
		assertThat(followUp.get("blocks").get(0).get("text").get("text").asString())
			.isEqualTo("Resolved: " + DemoScenarios.EXPIRED_SERVING + " in cluster " + SimulatedClusterTestConfiguration.CLUSTER);
		assertThat(followUp.get("blocks").get(2).get("elements").get(0).get("url").asString()).isEqualTo(permalink);

		assertThat(accepted(resolved)).isEqualTo(id);
		pause();
		assertThat(slackFor(id)).as("a repeated resolve sends nothing").hasSize(2);
		assertThat(receiver.received("/teams")).as("the route for CA verdicts").isEmpty();
		assertThat(receiver.received("/hook").stream().map(RecordingReceiver.Received::body))
			.as("the route for KubeletDown")
			.noneMatch((body) -> body.contains(id));
	}

	@Test
	void clusterSweepIsAnnouncedOnceAndItsNodeReportsNever() {
		String body = this.webhook.notification(List.of(Webhook.alert("firing", Webhook.newFingerprint(),
				Instant.now().minus(Duration.ofMinutes(5)).toString(),
				Map.of("alertname", "KubeletDown", "cluster", SimulatedClusterTestConfiguration.CLUSTER))));
		String id = accepted(body);

		await().atMost(Duration.ofSeconds(90))
			.until(() -> receiver.received("/hook").stream().anyMatch((request) -> request.body().contains(id)));
		JsonNode report = this.webhook.report(id);
		List<String> children = new ArrayList<>();
		report.get("affectedNodes").forEach((node) -> children.add(node.get("reportId").asString()));
		assertThat(children).isNotEmpty();
		pause();

		List<RecordingReceiver.Received> hooks = receiver.received("/hook");
		assertThat(hooks).hasSize(1);
		assertThat(hooks.get(0).header("Authorization")).isEqualTo(HOOK_TOKEN);
		JsonNode hook = hooks.get(0).json();
		assertThat(hook.get("event").asString()).isEqualTo("report.completed");
		assertThat(hook.get("reportId").asString()).isEqualTo(id);
		assertThat(hook.get("scope").asString()).isEqualTo("CLUSTER");
		assertThat(hook.get("rootCause").get("code").asString())
			.isEqualTo(report.get("rootCause").get("code").asString());
		assertThat(hook.get("links").get("json").asString()).isEqualTo("http://127.0.0.1:" + port + "/api/v1/reports/" + id);
		assertThat(slackFor(id)).hasSize(1);
		for (String child : children) {
			assertThat(slackFor(child)).as("node report %s of the sweep", child).isEmpty();
		}
	}

	private String accepted(String body) {
		HttpResponse<String> response = this.webhook.post(body);
		assertThat(response.statusCode()).isEqualTo(202);
		return this.webhook.json(response).get("reports").get(0).get("id").asString();
	}

	private static List<JsonNode> awaitSlack(String id, int count) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> slackFor(id).size() >= count);
		return slackFor(id);
	}

	/** Slack messages whose button opens the given report. */
	private static List<JsonNode> slackFor(String id) {
		return receiver.json("/slack")
			.stream()
			.filter((message) -> message.get("blocks").get(2).get("elements").get(0).get("url").asString()
				.endsWith("/reports/" + id))
			.toList();
	}

	/** Long enough for a drain and a delivery that should not happen to have happened. */
	private static void pause() {
		try {
			Thread.sleep(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static HttpResponse<String> get(String url) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + Webhook.READ_TOKEN)
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void route(DynamicPropertyRegistry registry, int index, String name, String type, String path) {
		String prefix = "kubelet-doctor.notify.routes[" + index + "].";
		registry.add(prefix + "name", () -> name);
		registry.add(prefix + "type", () -> type);
		registry.add(prefix + "url", () -> receiver.url(path));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
