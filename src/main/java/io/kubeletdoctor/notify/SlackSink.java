package io.kubeletdoctor.notify;

import io.kubeletdoctor.diagnosis.Finding;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * A Slack incoming-webhook message in Block Kit: a header naming the node and the verdict, a
 * section with the root cause, and a button to the report. The top-level {@code text} is what
 * Slack shows in notifications and to clients that cannot render blocks. The permalink is also a
 * link in the section, because a link button in an app without interactivity shows a warning.
 */
@Component
class SlackSink implements NotificationSink {

	// Block Kit limits: header text 150 characters, section text 3000, each field 2000.
	private static final int HEADER = 150;

	private static final int SECTION = 3000;

	private static final int FIELD = 2000;

	private final JsonMapper json;

	SlackSink(JsonMapper json) {
		this.json = json;
	}

	@Override
	public SinkType type() {
		return SinkType.SLACK;
	}

	@Override
	public String render(ReportMessage message) {
		ObjectNode root = this.json.createObjectNode();
		root.put("text", fallback(message));
		ArrayNode blocks = root.putArray("blocks");
		ObjectNode header = blocks.addObject().put("type", "header");
		plain(header.putObject("text"), Texts.truncate(headline(message), HEADER));
		ObjectNode section = blocks.addObject().put("type", "section");
		mrkdwn(section.putObject("text"), Texts.truncate(body(message), SECTION));
		ArrayNode fields = section.putArray("fields");
		Finding rootCause = message.rootCause();
		if (rootCause != null) {
			field(fields, "Root cause", "`" + rootCause.code().name() + "`");
			field(fields, "Confidence", rootCause.confidence().name());
		}
		TimeToImpact impact = message.timeToImpact();
		if (impact != null) {
			field(fields, "Time to impact", escape(impact.text()));
		}
		field(fields, "Alert", escape(String.join(", ", message.alertnames())) + " ("
				+ (message.alertResolved() ? "resolved" : "firing") + ")");
		ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
		button.put("type", "button").put("action_id", "open-report").put("url", message.permalink());
		plain(button.putObject("text"), "Open the report");
		return this.json.writeValueAsString(root);
	}

	private static String headline(ReportMessage message) {
		String subject = message.subject();
		if (message.event() == ReportMessage.Event.RESOLVED) {
			return "Resolved: " + subject;
		}
		return subject + ": " + message.verdict();
	}

	private static String body(ReportMessage message) {
		String link = "<" + message.permalink() + "|Open the report>";
		if (message.event() == ReportMessage.Event.RESOLVED) {
			return "The alert on " + escape(message.subject()) + " has resolved. The diagnosis was: *"
					+ escape(message.verdict()) + "*.\n" + link;
		}
		Finding rootCause = message.rootCause();
		String summary = (rootCause != null) ? escape(rootCause.summary()) : "";
		String resolved = message.alertResolved() ? "\n_The alert has resolved since._" : "";
		return "*" + escape(message.verdict()) + "*\n" + summary + resolved + "\n" + link;
	}

	private static String fallback(ReportMessage message) {
		Finding rootCause = message.rootCause();
		String code = (rootCause != null) ? " (" + rootCause.code().name() + ")" : "";
		return escape(headline(message) + code) + " " + message.permalink();
	}

	private static void field(ArrayNode fields, String title, String value) {
		mrkdwn(fields.addObject(), Texts.truncate("*" + title + "*\n" + value, FIELD));
	}

	private static void plain(ObjectNode text, String value) {
		text.put("type", "plain_text").put("text", value).put("emoji", true);
	}

	private static void mrkdwn(ObjectNode text, String value) {
		text.put("type", "mrkdwn").put("text", value);
	}

	/** Slack's mrkdwn treats &, < and > as control characters; alert text must not make links. */
	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
