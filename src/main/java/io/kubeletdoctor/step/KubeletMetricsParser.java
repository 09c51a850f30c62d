package io.kubeletdoctor.step;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import org.jspecify.annotations.Nullable;

/**
 * Reads the certificate-manager series out of the kubelet's Prometheus text exposition. The series
 * exist only when rotation is configured, and a TTL gauge reads {@code +Inf} once the kubelet holds
 * no valid certificate, so absent and infinite are both kept as they are.
 */
public final class KubeletMetricsParser {

	static final String CLIENT_TTL = "kubelet_certificate_manager_client_ttl_seconds";

	static final String SERVER_TTL = "kubelet_certificate_manager_server_ttl_seconds";

	static final String CLIENT_RENEW_ERRORS = "kubelet_certificate_manager_client_expiration_renew_errors";

	/** No {@code certificate_manager} in this one: its subsystem is plain {@code kubelet}. */
	static final String SERVER_RENEW_ERRORS = "kubelet_server_expiration_renew_errors";

	/** The kubelet's API client requests by answer code; summed over method and host for code 401. */
	static final String REST_CLIENT_REQUESTS = "rest_client_requests_total";

	private static final String UNAUTHORIZED_CODE = "code=\"401\"";

	private static final Set<String> WANTED = Set.of(CLIENT_TTL, SERVER_TTL, CLIENT_RENEW_ERRORS, SERVER_RENEW_ERRORS);

	private KubeletMetricsParser() {
	}

	public static KubeletMetricsFacts parse(String exposition) {
		Map<String, Double> found = new HashMap<>();
		Double unauthorized = null;
		for (String raw : exposition.split("\n")) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			int nameEnd = nameEnd(line);
			String name = line.substring(0, nameEnd);
			if (REST_CLIENT_REQUESTS.equals(name) && line.contains(UNAUTHORIZED_CODE)) {
				Double value = sampleValue(line, nameEnd);
				if (value != null) {
					unauthorized = ((unauthorized != null) ? unauthorized : 0) + value;
				}
				continue;
			}
			if (!WANTED.contains(name) || found.containsKey(name)) {
				continue;
			}
			Double value = sampleValue(line, nameEnd);
			if (value != null) {
				found.put(name, value);
			}
		}
		return new KubeletMetricsFacts(found.get(CLIENT_TTL), found.get(SERVER_TTL), found.get(CLIENT_RENEW_ERRORS),
				found.get(SERVER_RENEW_ERRORS), unauthorized);
	}

	private static int nameEnd(String line) {
		int i = 0;
		while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
			i++;
		}
		return i;
	}

	/** The value after the name and optional label set; a trailing timestamp is ignored. */
	private static @Nullable Double sampleValue(String line, int nameEnd) {
		int i = nameEnd;
		if (i < line.length() && line.charAt(i) == '{') {
			i = labelsEnd(line, i);
			if (i < 0) {
				return null;
			}
		}
		String rest = line.substring(i).strip();
		if (rest.isEmpty()) {
			return null;
		}
		String token = rest.split("\\s+", 2)[0];
		return number(token);
	}

	/** Index just past the closing brace, skipping braces inside quoted label values. */
	private static int labelsEnd(String line, int open) {
		boolean quoted = false;
		for (int i = open + 1; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted && c == '\\') {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == '}') {
				return i + 1;
			}
		}
		return -1;
	}

	static @Nullable Double number(String token) {
		switch (token) {
			case "+Inf":
			case "Inf":
				return Double.POSITIVE_INFINITY;
			case "-Inf":
				return Double.NEGATIVE_INFINITY;
			case "NaN":
				return Double.NaN;
			default:
				try {
					return Double.parseDouble(token);
				}
				catch (NumberFormatException ex) {
					return null;
				}
		}
	}

}
