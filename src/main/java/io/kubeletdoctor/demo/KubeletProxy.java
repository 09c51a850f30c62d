package io.kubeletdoctor.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.fabric8.mockwebserver.http.MockResponse;
import io.kubeletdoctor.demo.KubeletBehaviour.ProxyAnswer;

/**
 * The API server's node proxy in front of a simulated kubelet. When the API server cannot reach
 * the kubelet it answers 503 with the error it got, as the proxy transport of a real one does
 * ({@code error trying to reach service: ...}); otherwise the kubelet's own answer passes through.
 */
final class KubeletProxy {

	private KubeletProxy() {
	}

	static MockResponse answer(KubeletBehaviour kubelet, String pathAndQuery) {
		String endpoint = kubelet.address() + ":" + kubelet.port();
		switch (kubelet.tlsMode()) {
			case DOWN:
				return unreachable("dial tcp " + endpoint + ": connect: connection refused");
			case NO_SERVING_CERTIFICATE:
				return unreachable("remote error: tls: internal error");
			case HANGING:
				// a real API server gives up after its 10 s TLS handshake timeout; the simulation answers at once
				return unreachable("net/http: TLS handshake timeout");
			default:
				return toResponse(route(kubelet, pathAndQuery));
		}
	}

	/** What the kubelet answers for {@code pathAndQuery} (no leading slash) once the request is authorized. */
	static ProxyAnswer route(KubeletBehaviour kubelet, String pathAndQuery) {
		int queryStart = pathAndQuery.indexOf('?');
		String path = (queryStart >= 0) ? pathAndQuery.substring(0, queryStart) : pathAndQuery;
		Map<String, String> query = query((queryStart >= 0) ? pathAndQuery.substring(queryStart + 1) : "");
		if (path.equals("configz")) {
			return kubelet.configz();
		}
		if (path.equals("metrics")) {
			return kubelet.metrics();
		}
		if (path.equals("healthz")) {
			return ProxyAnswer.text(200, "ok");
		}
		if (path.equals("logs") || path.startsWith("logs/")) {
			return logs(kubelet, query);
		}
		return ProxyAnswer.text(404, "404 page not found\n");
	}

	/** Without {@code query} the kubelet serves its /var/log file browser, as it does when log query is off. */
	private static ProxyAnswer logs(KubeletBehaviour kubelet, Map<String, String> query) {
		if (kubelet.logs() != null) {
			return kubelet.logs();
		}
		if (!query.containsKey("query")) {
			return new ProxyAnswer(200, "text/html; charset=utf-8", SimulatedNode.VAR_LOG_LISTING);
		}
		List<String> lines = kubelet.logLines();
		String pattern = query.get("pattern");
		if (pattern != null) {
			try {
				Pattern filter = Pattern.compile(pattern);
				lines = lines.stream().filter((line) -> filter.matcher(line).find()).toList();
			}
			catch (PatternSyntaxException ex) {
				return ProxyAnswer.text(400, "invalid pattern: " + ex.getDescription() + "\n");
			}
		}
		String tail = query.get("tailLines");
		if (tail != null && tail.matches("\\d+")) {
			int keep = Integer.parseInt(tail);
			lines = lines.subList(Math.max(0, lines.size() - keep), lines.size());
		}
		return ProxyAnswer.text(200, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
	}

	private static Map<String, String> query(String query) {
		Map<String, String> values = new HashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? pair.substring(equals + 1) : "";
			values.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return values;
	}

	private static MockResponse unreachable(String error) {
		return ApiStatus.response(503, "error trying to reach service: " + error, null);
	}

	private static MockResponse toResponse(ProxyAnswer answer) {
		return new MockResponse().setResponseCode(answer.status())
			.setHeader("Content-Type", answer.contentType())
			.setBody(answer.body());
	}

}
