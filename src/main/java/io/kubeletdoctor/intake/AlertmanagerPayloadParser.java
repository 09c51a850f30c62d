package io.kubeletdoctor.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.kubeletdoctor.report.AlertTimes;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads and validates an Alertmanager webhook body. Unknown fields are ignored (newer Alertmanagers
 * add some); every rejection names the offending field, e.g. {@code alerts[2].startsAt}.
 */
@Component
class AlertmanagerPayloadParser {

	/** Go's zero time: Alertmanager's "not set" for the endsAt of a firing alert. */
	private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

	private static final Pattern QUOTED_META = Pattern.compile("\\\\([\\\\.+*?()|\\[\\]{}^$])");

	private final JsonMapper json;

	AlertmanagerPayloadParser(JsonMapper json) {
		// Two values for one key would leave it to the parser which one counts: refuse instead.
		this.json = json.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
	}

	AlertmanagerNotification parse(byte[] body) {
		JsonNode root;
		try {
			// From the strictly decoded text, so a UTF-16 or UTF-32 body is not taken for JSON.
			root = this.json.readTree(StrictUtf8.decode(body));
		}
		catch (JacksonException ex) {
			// Where, not Jackson's wording: error bodies carry no exception text.
			String duplicate = DuplicateKeys.path(ex);
			if (duplicate != null) {
				throw new InvalidPayloadException(duplicate, "'" + duplicate + "' is given more than once");
			}
			throw new InvalidPayloadException("$", "The body is not valid JSON" + where(ex));
		}
		if (root == null || !root.isObject()) {
			throw new InvalidPayloadException("$", "The body must be a JSON object");
		}
		String version = text(root, "version", "version", true);
		if (!"4".equals(version)) {
			throw new InvalidPayloadException("version",
					"Unsupported payload version '" + version + "': only Alertmanager webhook version 4 is accepted");
		}
		JsonNode alerts = root.get("alerts");
		if (alerts == null || !alerts.isArray()) {
			throw new InvalidPayloadException("alerts", "'alerts' must be an array of alerts");
		}
		List<AlertmanagerAlert> parsed = new ArrayList<>();
		for (int i = 0; i < alerts.size(); i++) {
			parsed.add(alert(alerts.get(i), "alerts[" + i + "]"));
		}
		JsonNode truncated = root.get("truncatedAlerts");
		if (truncated != null && !truncated.isNull()
				&& !(truncated.isIntegralNumber() && truncated.canConvertToLong() && truncated.asLong() >= 0)) {
			throw new InvalidPayloadException("truncatedAlerts", "'truncatedAlerts' must be a whole number, 0 or more");
		}
		String receiver = text(root, "receiver", "receiver", false);
		return new AlertmanagerNotification(version, orEmpty(text(root, "status", "status", false)),
				(receiver != null) ? QUOTED_META.matcher(receiver).replaceAll("$1") : "",
				orEmpty(text(root, "groupKey", "groupKey", false)),
				(truncated != null && !truncated.isNull()) ? truncated.asLong() : 0,
				orEmpty(text(root, "externalURL", "externalURL", false)), parsed);
	}

	private AlertmanagerAlert alert(JsonNode node, String path) {
		if (node == null || !node.isObject()) {
			throw new InvalidPayloadException(path, "Each alert must be a JSON object");
		}
		Map<String, String> labels = stringMap(node.get("labels"), path + ".labels", true);
		if (!labels.containsKey("alertname") || labels.get("alertname").isBlank()) {
			throw new InvalidPayloadException(path + ".labels.alertname", "Every alert needs an alertname label");
		}
		String status = text(node, "status", path + ".status", true);
		if (!"firing".equals(status) && !"resolved".equals(status)) {
			throw new InvalidPayloadException(path + ".status", "Alert status must be 'firing' or 'resolved'");
		}
		String fingerprint = text(node, "fingerprint", path + ".fingerprint", true);
		if (fingerprint.isBlank() || fingerprint.length() > 64) {
			throw new InvalidPayloadException(path + ".fingerprint", "The alert fingerprint is missing or too long");
		}
		Instant startsAt = time(text(node, "startsAt", path + ".startsAt", true), path + ".startsAt");
		if (startsAt == null) {
			throw new InvalidPayloadException(path + ".startsAt", "startsAt must be set");
		}
		String endsAtText = text(node, "endsAt", path + ".endsAt", false);
		Instant endsAt = (endsAtText != null) ? time(endsAtText, path + ".endsAt") : null;
		return new AlertmanagerAlert(status, labels, stringMap(node.get("annotations"), path + ".annotations", false),
				startsAt, endsAt, text(node, "generatorURL", path + ".generatorURL", false), fingerprint);
	}

	/** At the precision the report store keeps, so every later comparison sees the stored value. */
	private static @Nullable Instant time(String value, String path) {
		if (value.isEmpty()) {
			return null;
		}
		OffsetDateTime time;
		try {
			time = OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidPayloadException(path, "'" + value + "' is not an RFC 3339 time");
		}
		// Go's encoder refuses years outside 0-9999, so no Alertmanager sends one.
		if (time.getYear() < 0 || time.getYear() > 9999) {
			throw new InvalidPayloadException(path, "'" + value + "' is outside the years 0000-9999 of RFC 3339");
		}
		Instant instant = time.toInstant();
		return instant.equals(ZERO_TIME) ? null : AlertTimes.stored(instant);
	}

	private static String where(JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		return (location != null && location.getLineNr() > 0)
				? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
	}

	private static Map<String, String> stringMap(@Nullable JsonNode node, String path, boolean required) {
		Map<String, String> map = new LinkedHashMap<>();
		if (node == null || node.isNull()) {
			if (required) {
				throw new InvalidPayloadException(path, "'" + path + "' is required");
			}
			return map;
		}
		if (!node.isObject()) {
			throw new InvalidPayloadException(path, "'" + path + "' must be an object of strings");
		}
		for (var entry : node.properties()) {
			if (!entry.getValue().isString()) {
				throw new InvalidPayloadException(path + "." + entry.getKey(), "Label and annotation values must be strings");
			}
			map.put(storable(entry.getKey()), storable(entry.getValue().asString()));
		}
		return map;
	}

	private static @Nullable String text(JsonNode node, String name, String path, boolean required) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			if (required) {
				throw new InvalidPayloadException(path, "'" + path + "' is required");
			}
			return null;
		}
		if (!value.isString()) {
			throw new InvalidPayloadException(path, "'" + path + "' must be a string");
		}
		return storable(value.asString());
	}

	/**
	 * A NUL, valid in JSON, cannot be stored in a PostgreSQL text column: it becomes U+FFFD here, so
	 * one odd value does not refuse the whole notification (the raw body keeps the original).
	 */
	private static String storable(String value) {
		return (value.indexOf('\u0000') >= 0) ? value.replace('\u0000', '\uFFFD') : value;
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
