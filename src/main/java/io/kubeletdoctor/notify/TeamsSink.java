package io.kubeletdoctor.notify;

import io.kubeletdoctor.diagnosis.Finding;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * A Microsoft Teams message carrying one Adaptive Card (schema 1.4): the subject, the verdict, the
 * summary, a FactSet and an OpenUrl action to the report. Teams Workflows webhooks ("When a Teams
 * webhook request is received") accept only Adaptive Cards, wrapped in a {@code message} with one
 * attachment; legacy incoming webhooks accept the same shape. Text that may carry alert labels is
 * escaped, since the card reads it as Markdown.
 */
@Component
class TeamsSink implements NotificationSink {

	static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

	private final JsonMapper json;

	TeamsSink(JsonMapper json) {
		this.json = json;
	}

	@Override
	public SinkType type() {
		return SinkType.TEAMS;
	}

	@Override
	public String render(ReportMessage message) {
		ObjectNode root = this.json.createObjectNode().put("type", "message");
		ObjectNode attachment = root.putArray("attachments").addObject();
		attachment.put("contentType", CONTENT_TYPE).putNull("contentUrl");
		ObjectNode card = attachment.putObject("content");
		card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
			.put("type", "AdaptiveCard")
			.put("version", "1.4");
		card.putObject("msteams").put("width", "Full");
		ArrayNode body = card.putArray("body");
		boolean resolved = message.event() == ReportMessage.Event.RESOLVED;
		text(body, (resolved ? "Resolved: " : "") + TeamsMarkdown.escape(message.subject())).put("isSubtle", true);
		text(body, TeamsMarkdown.escape(message.verdict())).put("size", "Large")
			.put("weight", "Bolder")
			.put("color", (resolved || message.alertResolved()) ? "Good" : "Attention");
		Finding rootCause = message.rootCause();
		if (resolved) {
			text(body, "The alert has resolved. The diagnosis above is what the report found while it fired.");
		}
		else if (rootCause != null) {
			text(body, TeamsMarkdown.escape(rootCause.summary()));
		}
		ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
		if (rootCause != null) {
			fact(facts, "Root cause", rootCause.code().name());
			fact(facts, "Confidence", rootCause.confidence().name());
		}
		TimeToImpact impact = message.timeToImpact();
		if (impact != null) {
			fact(facts, "Time to impact", impact.text());
		}
		fact(facts, "Alert", TeamsMarkdown.escape(String.join(", ", message.alertnames())) + " ("
				+ (message.alertResolved() ? "resolved" : "firing") + ")");
		fact(facts, "Cluster", TeamsMarkdown.escape(message.report().cluster()));
		String node = message.report().node();
		fact(facts, "Node", (node != null) ? TeamsMarkdown.escape(node) : "cluster-wide");
		card.putArray("actions")
			.addObject()
			.put("type", "Action.OpenUrl")
			.put("title", "Open the report")
			.put("url", message.permalink());
		return this.json.writeValueAsString(root);
	}

	private static ObjectNode text(ArrayNode body, String text) {
		return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
	}

	private static void fact(ArrayNode facts, String title, String value) {
		facts.addObject().put("title", title).put("value", value);
	}

}
