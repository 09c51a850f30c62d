package io.kubeletdoctor.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Writes webhook bodies byte for byte as Alertmanager's Go encoder does: {@code encoding/json} with
 * HTML escaping, fields in the order of its {@code webhook.Message} struct, times through
 * {@code time.Time.MarshalJSON} (RFC 3339, nanoseconds with trailing zeros trimmed, {@code Z} or
 * {@code +02:00}) and the receiver through {@code regexp.QuoteMeta}. Label maps are written in the
 * order given, so a test can send them in any order.
 */
final class GoWebhookEncoder {

	/** Go's zero time, which Alertmanager sends as the endsAt of a firing alert. */
	static final String ZERO_TIME = "0001-01-01T00:00:00Z";

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	private static final Pattern REGEX_META = Pattern.compile("[\\\\.+*?()|\\[\\]{}^$]");

	private GoWebhookEncoder() {
	}

	/** One alert as Alertmanager's template.Alert is encoded. */
	record Alert(String status, List<Map.Entry<String, String>> labels, List<Map.Entry<String, String>> annotations,
			String startsAt, String endsAt, String generatorURL, String fingerprint) {
	}

	static String message(String receiver, String status, List<Alert> alerts, String groupKey,
			List<Map.Entry<String, String>> groupLabels, long truncatedAlerts, String externalURL) {
		StringBuilder json = new StringBuilder("{");
		field(json, "receiver").append(string(quoteMeta(receiver))).append(',');
		field(json, "status").append(string(status)).append(',');
		field(json, "alerts").append('[');
		for (int i = 0; i < alerts.size(); i++) {
			json.append((i > 0) ? "," : "").append(alert(alerts.get(i)));
		}
		json.append("],");
		field(json, "groupLabels").append(object(groupLabels)).append(',');
		field(json, "commonLabels").append(object(groupLabels)).append(',');
		field(json, "commonAnnotations").append("{},");
		field(json, "externalURL").append(string(externalURL)).append(',');
		field(json, "version").append("\"4\",");
		field(json, "groupKey").append(string(groupKey)).append(',');
		field(json, "truncatedAlerts").append(truncatedAlerts);
		// json.Encoder.Encode ends every value with a newline.
		return json.append("}\n").toString();
	}

	private static String alert(Alert alert) {
		StringBuilder json = new StringBuilder("{");
		field(json, "status").append(string(alert.status())).append(',');
		field(json, "labels").append(object(alert.labels())).append(',');
		field(json, "annotations").append(object(alert.annotations())).append(',');
		field(json, "startsAt").append(string(alert.startsAt())).append(',');
		field(json, "endsAt").append(string(alert.endsAt())).append(',');
		field(json, "generatorURL").append(string(alert.generatorURL())).append(',');
		field(json, "fingerprint").append(string(alert.fingerprint()));
		return json.append('}').toString();
	}

	/** {@code time.Time.MarshalJSON} of the instant in a zone at {@code offset} (whole minutes). */
	static String time(@Nullable Instant instant, ZoneOffset offset) {
		if (instant == null) {
			return ZERO_TIME;
		}
		OffsetDateTime local = instant.atOffset(offset);
		StringBuilder text = new StringBuilder(SECONDS.format(local));
		if (local.getNano() != 0) {
			text.append('.').append(String.format("%09d", local.getNano()).replaceFirst("0+$", ""));
		}
		return text.append((offset.getTotalSeconds() == 0) ? "Z" : offset.getId()).toString();
	}

	/** Go's {@code regexp.QuoteMeta}, which Alertmanager applies to the receiver name. */
	static String quoteMeta(String text) {
		return REGEX_META.matcher(text).replaceAll((match) -> Matcher.quoteReplacement("\\" + match.group()));
	}

	/** A JSON string as {@code encoding/json} writes it, HTML-safe escapes included. */
	static String string(String value) {
		StringBuilder json = new StringBuilder("\"");
		value.codePoints().forEach((c) -> {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				case '<', '>', '&', 0x2028, 0x2029 -> json.append(String.format("\\u%04x", c));
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", c));
					}
					else {
						json.appendCodePoint(c);
					}
				}
			}
		});
		return json.append('"').toString();
	}

	private static String object(List<Map.Entry<String, String>> entries) {
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < entries.size(); i++) {
			json.append((i > 0) ? "," : "")
				.append(string(entries.get(i).getKey()))
				.append(':')
				.append(string(entries.get(i).getValue()));
		}
		return json.append('}').toString();
	}

	private static StringBuilder field(StringBuilder json, String name) {
		return json.append('"').append(name).append("\":");
	}

}
