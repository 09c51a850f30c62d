package io.kubeletdoctor.deploy;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Alertmanager's routing tree as far as these configurations use it: {@code matchers} with
 * {@code =}, {@code !=}, {@code =~} and {@code !~} (regular expressions anchored at both ends),
 * child routes tried in order, {@code continue}, and the parent's receiver when no child matches.
 */
final class AlertmanagerRouting {

	private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

	private AlertmanagerRouting() {
	}

	/** The receivers an alert with these labels is sent to. */
	static Set<String> receivers(YamlNode route, Map<String, String> labels) {
		Set<String> receivers = new LinkedHashSet<>();
		route(route, labels, route.get("receiver").text(), receivers);
		return receivers;
	}

	private static boolean route(YamlNode route, Map<String, String> labels, String inherited, Set<String> receivers) {
		if (!matches(route, labels)) {
			return false;
		}
		String receiver = (route.get("receiver").exists()) ? route.get("receiver").text() : inherited;
		boolean matchedChild = false;
		for (YamlNode child : route.get("routes").items()) {
			if (route(child, labels, receiver, receivers)) {
				matchedChild = true;
				if (!Boolean.TRUE.equals(child.get("continue").value())) {
					break;
				}
			}
		}
		if (!matchedChild) {
			receivers.add(receiver);
		}
		return true;
	}

	private static boolean matches(YamlNode route, Map<String, String> labels) {
		if (route.get("match").exists() || route.get("match_re").exists()) {
			throw new AssertionError(route.path() + " uses the deprecated match/match_re; use matchers");
		}
		for (String matcher : route.get("matchers").texts()) {
			Matcher parts = MATCHER.matcher(matcher);
			if (!parts.matches()) {
				throw new AssertionError(route.path() + ": not a matcher: " + matcher);
			}
			String value = labels.getOrDefault(parts.group(1), "");
			if (!matches(parts.group(2), unquote(parts.group(3)), value)) {
				return false;
			}
		}
		return true;
	}

	private static boolean matches(String operator, String expected, @Nullable String value) {
		switch (operator) {
			case "=":
				return expected.equals(value);
			case "!=":
				return !expected.equals(value);
			case "=~":
				return Pattern.compile(expected).matcher(value).matches();
			default:
				return !Pattern.compile(expected).matcher(value).matches();
		}
	}

	private static String unquote(String value) {
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\") : value;
	}

}
