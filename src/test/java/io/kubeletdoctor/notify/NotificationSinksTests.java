package io.kubeletdoctor.notify;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each sink's JSON as its endpoint receives it: rendered from a report, posted by {@link Deliveries}
 * to a recording receiver, and read back.
 */
class NotificationSinksTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final RecordingReceiver receiver = RecordingReceiver.start();

	private final Deliveries deliveries = NotifyFixtures.singleAttemptDeliveries();

	@AfterEach
	void stop() {
		this.deliveries.close();
		this.receiver.close();
	}

	@Test
	void slackMessageHasAHeaderASectionAndAButtonToThePermalink() {
		Report report = NotifyFixtures.clientCertExpired("r1");
		JsonNode slack = post(new SlackSink(this.json), completed(report));

		assertThat(slack.get("text").asString()).contains("worker-3", "CLIENT_CERT_EXPIRED", report.links().html());
		JsonNode blocks = slack.get("blocks");
		assertThat(blocks).extracting((block) -> block.get("type").asString())
			.containsExactly("header", "section", "actions");
		JsonNode header = blocks.get(0).get("text");
		assertThat(header.get("type").asString()).isEqualTo("plain_text");
		assertThat(header.get("text").asString())
			.isEqualTo("worker-3 in cluster prod: The kubelet's client certificate has expired");

		JsonNode section = blocks.get(1);
		assertThat(section.get("text").get("type").asString()).isEqualTo("mrkdwn");
		assertThat(section.get("text").get("text").asString())
			.contains("*The kubelet's client certificate has expired*")
			.contains("<" + report.links().html() + "|Open the report>")
			.as("alert text cannot inject Slack links or mentions")
			.contains("&amp; renewal &lt;never&gt; ran")
			.doesNotContain("<never>");
		assertThat(texts(section.get("fields"))).containsExactly("*Root cause*\n`CLIENT_CERT_EXPIRED`",
				"*Confidence*\nHIGH", "*Time to impact*\nclient certificate expired 3 days ago",
				"*Alert*\nKubeletClientCertificateExpiration (firing)");

		JsonNode button = blocks.get(2).get("elements").get(0);
		assertThat(button.get("type").asString()).isEqualTo("button");
		assertThat(button.get("url").asString()).isEqualTo(report.links().html())
			.isEqualTo(NotifyFixtures.PUBLIC_URL + "/reports/r1");
		assertThat(button.get("text").get("type").asString()).isEqualTo("plain_text");
	}

	@Test
	void slackHeaderStaysWithinBlockKitsLimit() {
		Report report = NotifyFixtures.withRootCause(NotifyFixtures.clientCertExpired("r2"),
				NotifyFixtures.finding(RootCauseCode.CSR_NOT_ISSUED, "x".repeat(400), Confidence.LOW));
		JsonNode slack = post(new SlackSink(this.json), completed(report));
		String header = slack.get("blocks").get(0).get("text").get("text").asString();
		assertThat(header).hasSize(150).startsWith("worker-3 in cluster prod: xxx").endsWith("…");
	}

	@Test
	void slackFollowUpSaysTheAlertResolved() {
		Report report = NotifyFixtures.withStatus(NotifyFixtures.clientCertExpired("r3"), ReportStatus.COMPLETED,
				Report.AlertStatus.RESOLVED);
		JsonNode slack = post(new SlackSink(this.json),
				ReportMessage.of(ReportMessage.Event.RESOLVED, report, NotifyFixtures.NOW));
		JsonNode blocks = slack.get("blocks");
		assertThat(blocks.get(0).get("text").get("text").asString()).isEqualTo("Resolved: worker-3 in cluster prod");
		assertThat(blocks.get(1).get("text").get("text").asString()).contains("has resolved",
				"The kubelet's client certificate has expired");
		assertThat(texts(blocks.get(1).get("fields"))).contains("*Alert*\nKubeletClientCertificateExpiration (resolved)");
		assertThat(blocks.get(2).get("elements").get(0).get("url").asString()).isEqualTo(report.links().html());
	}

	@Test
	void teamsMessageIsAnAdaptiveCardWithTheVerdictFactsAndAnOpenUrlAction() {
		Report report = NotifyFixtures.clientCertExpired("r4");
		JsonNode teams = post(new TeamsSink(this.json), completed(report));

		assertThat(teams.get("type").asString()).isEqualTo("message");
		assertThat(teams.get("attachments")).hasSize(1);
		JsonNode attachment = teams.get("attachments").get(0);
		assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
		JsonNode card = attachment.get("content");
		assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
		assertThat(card.get("version").asString()).isEqualTo("1.4");
		assertThat(card.get("$schema").asString()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");

		JsonNode body = card.get("body");
		assertThat(body).extracting((element) -> element.get("type").asString())
			.containsExactly("TextBlock", "TextBlock", "TextBlock", "FactSet");
		assertThat(body.get(0).get("text").asString()).isEqualTo("worker-3 in cluster prod");
		JsonNode verdict = body.get(1);
		assertThat(verdict.get("text").asString()).isEqualTo("The kubelet's client certificate has expired");
		assertThat(verdict.get("weight").asString()).isEqualTo("Bolder");
		assertThat(verdict.get("color").asString()).isEqualTo("Attention");
		assertThat(body.get(2).get("text").asString()).startsWith("The certificate's NotAfter passed");
		List<String> facts = new ArrayList<>();
		body.get(3).get("facts").forEach((fact) -> facts.add(fact.get("title").asString() + "=" + fact.get("value").asString()));
		assertThat(facts).containsExactly("Root cause=CLIENT_CERT_EXPIRED", "Confidence=HIGH",
				"Time to impact=client certificate expired 3 days ago",
				"Alert=KubeletClientCertificateExpiration (firing)", "Cluster=prod", "Node=worker-3");

		JsonNode action = card.get("actions").get(0);
		assertThat(action.get("type").asString()).isEqualTo("Action.OpenUrl");
		assertThat(action.get("url").asString()).isEqualTo(report.links().html());
	}

	/** Labels that would make a link, emphasis, a list and a mention if the card took them as Markdown. */
	@Test
	void teamsCardShowsHostileLabelsLiterally() {
		String cluster = "prod](https://evil.example/login)";
		String node = "[open me](https://evil.example)\n- **urgent** _now_ <at>oncall</at> `x` # ~~y~~ | !";
		Report report = NotifyFixtures.report("r-hostile", cluster, node, Report.Scope.NODE, ReportStatus.COMPLETED,
				Report.AlertStatus.FIRING, "**Kubelet**[Down](https://evil.example)",
				NotifyFixtures.finding(RootCauseCode.UNDETERMINED, "Rejected input " + node, Confidence.HIGH),
				List.of(), null);
		JsonNode card = post(new TeamsSink(this.json), completed(report)).get("attachments").get(0).get("content");
		List<String> texts = new ArrayList<>();
		card.get("body").forEach((element) -> {
			if (element.has("text")) {
				texts.add(element.get("text").asString());
			}
			if (element.has("facts")) {
				element.get("facts").forEach((fact) -> texts.add(fact.get("value").asString()));
			}
		});
		assertThat(texts).allSatisfy((text) -> assertThat(unescapedMarkdown(text)).as(text).isEmpty());
		assertThat(texts).anySatisfy((text) -> assertThat(unescape(text)).contains(cluster))
			.anySatisfy((text) -> assertThat(unescape(text)).contains(node.replace('\n', ' ')))
			.anySatisfy((text) -> assertThat(unescape(text)).contains("**Kubelet**[Down](https://evil.example)"));
	}

	/** Markdown characters not preceded by a backslash, and line breaks (parentheses alone make no link). */
	private static String unescapedMarkdown(String text) {
		StringBuilder found = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if ("`*_[]<>#~|!\r\n".indexOf(c) >= 0) {
				found.append(c);
			}
		}
		return found.toString();
	}

	private static String unescape(String text) {
		return text.replaceAll("\\\\(.)", "$1");
	}

	@Test
	void teamsFollowUpIsGreen() {
		Report report = NotifyFixtures.clientCertExpired("r5");
		JsonNode card = post(new TeamsSink(this.json),
				ReportMessage.of(ReportMessage.Event.RESOLVED, report, NotifyFixtures.NOW))
			.get("attachments").get(0).get("content");
		assertThat(card.get("body").get(0).get("text").asString()).isEqualTo("Resolved: worker-3 in cluster prod");
		assertThat(card.get("body").get(1).get("color").asString()).isEqualTo("Good");
		assertThat(card.get("actions").get(0).get("url").asString()).isEqualTo(report.links().html());
	}

	@Test
	void genericWebhookCarriesTheDocumentedFieldsAndTheRouteHeaders() {
		Report report = NotifyFixtures.clientCertExpired("r6");
		RecordingReceiver.Received request = postRaw(new WebhookSink(this.json), completed(report),
				Map.of("Authorization", "Bearer hook-secret"));
		assertThat(request.header("Authorization")).isEqualTo("Bearer hook-secret");
		assertThat(request.header("Content-Type")).startsWith("application/json");
		JsonNode hook = request.json();

		assertThat(hook.get("version").asString()).isEqualTo("1");
		assertThat(hook.get("event").asString()).isEqualTo("report.completed");
		assertThat(hook.get("sentAt").asString()).isEqualTo("2026-06-01T12:00:00Z");
		assertThat(hook.get("reportId").asString()).isEqualTo("r6");
		assertThat(hook.get("cluster").asString()).isEqualTo("prod");
		assertThat(hook.get("node").asString()).isEqualTo("worker-3");
		assertThat(hook.get("scope").asString()).isEqualTo("NODE");
		assertThat(hook.get("alertStatus").asString()).isEqualTo("FIRING");
		assertThat(hook.get("alertnames")).extracting(JsonNode::asString)
			.containsExactly("KubeletClientCertificateExpiration");
		JsonNode rootCause = hook.get("rootCause");
		assertThat(rootCause.get("code").asString()).isEqualTo("CLIENT_CERT_EXPIRED");
		assertThat(rootCause.get("title").asString()).isEqualTo("The kubelet's client certificate has expired");
		assertThat(rootCause.get("confidence").asString()).isEqualTo("HIGH");
		assertThat(rootCause.get("summary").asString()).startsWith("The certificate's NotAfter passed");
		assertThat(hook.get("timeToImpact").get("certificate").asString()).isEqualTo("CLIENT");
		assertThat(hook.get("timeToImpact").get("notAfter").asString()).isEqualTo("2026-05-29T12:00:00Z");
		assertThat(hook.get("timeToImpact").get("text").asString()).isEqualTo("client certificate expired 3 days ago");
		assertThat(hook.get("links").get("html").asString()).isEqualTo(report.links().html());
		assertThat(hook.get("links").get("json").asString()).isEqualTo(NotifyFixtures.PUBLIC_URL + "/api/v1/reports/r6");
		assertThat(hook.has("affectedNodes")).isTrue();
		assertThat(hook.get("affectedNodes").isNull()).isTrue();
		assertThat(hook.get("causes").isNull()).isTrue();
	}

	@Test
	void genericWebhookOfAClusterSweepHasNoNodeAndListsTheAffectedNodes() {
		JsonNode hook = post(new WebhookSink(this.json), ReportMessage.of(ReportMessage.Event.RESOLVED,
				NotifyFixtures.clusterSweep("r7", "child-1"), NotifyFixtures.NOW));
		assertThat(hook.get("event").asString()).isEqualTo("report.resolved");
		assertThat(hook.get("scope").asString()).isEqualTo("CLUSTER");
		assertThat(hook.has("node")).isTrue();
		assertThat(hook.get("node").isNull()).isTrue();
		assertThat(hook.get("timeToImpact").isNull()).isTrue();
		assertThat(hook.get("affectedNodes").get(0).get("reportId").asString()).isEqualTo("child-1");
		assertThat(hook.get("causes").get(0).get("code").asString()).isEqualTo("KUBELET_NOT_RUNNING");
		assertThat(hook.get("causes").get(0).get("nodes").get(0).asString()).isEqualTo("worker-7");
	}

	private static ReportMessage completed(Report report) {
		return ReportMessage.of(ReportMessage.Event.COMPLETED, report, NotifyFixtures.NOW);
	}

	private JsonNode post(NotificationSink sink, ReportMessage message) {
		return postRaw(sink, message, Map.of()).json();
	}

	private RecordingReceiver.Received postRaw(NotificationSink sink, ReportMessage message, Map<String, String> headers) {
		String path = "/" + sink.type().name().toLowerCase(Locale.ROOT);
		NotificationRoute route = new NotificationRoute("test", sink.type(), URI.create(this.receiver.url(path)),
				Set.of(), Set.of(), Set.of(), headers);
		this.deliveries.deliver(route, message.report().id(), sink.render(message));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.received(path).size() == 1);
		RecordingReceiver.Received request = this.receiver.received(path).get(0);
		assertThat(request.method()).isEqualTo("POST");
		return request;
	}

	private static List<String> texts(JsonNode fields) {
		List<String> texts = new ArrayList<>();
		fields.forEach((field) -> {
			assertThat(field.get("type").asString()).isEqualTo("mrkdwn");
			texts.add(field.get("text").asString());
		});
		return texts;
	}

}
