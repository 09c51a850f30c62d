package io.kubeletdoctor.support;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The requests a simulated API server received ({@code "METHOD path"}), sorted by kind the way
 * RBAC sees them: {@code get nodes}, {@code list events}, {@code get leases in kube-node-lease},
 * {@code create subjectaccessreviews}, {@code get nodes/proxy configz}.
 */
public final class ApiRequests {

	private static final Pattern PROXY = Pattern.compile("/api/v1/nodes/[^/]+/proxy/([^/?]*).*");

	private static final Pattern PATH = Pattern
		.compile("/(?:api/v1|apis/[^/]+/[^/]+)(?:/namespaces/([^/]+))?/([^/]+)(?:/([^/]+))?");

	private final List<String> requests;

	public ApiRequests(List<String> requests) {
		this.requests = List.copyOf(requests);
	}

	public int total() {
		return this.requests.size();
	}

	/** How many requests of each kind, by kind. */
	public Map<String, Long> byKind() {
		return this.requests.stream()
			.collect(Collectors.groupingBy(ApiRequests::kind, TreeMap::new, Collectors.counting()));
	}

	public long count(String kind) {
		return this.byKind().getOrDefault(kind, 0L);
	}

	/** How many times exactly this request ({@code "GET /api/v1/..."}, query included) was made. */
	public long exactly(String request) {
		return this.requests.stream().filter(request::equals).count();
	}

	public String table() {
		StringBuilder table = new StringBuilder();
		byKind().forEach((kind, count) -> table.append(String.format("  %6d  %s%n", count, kind)));
		return table.append(String.format("  %6d  in total%n", total())).toString();
	}

	static String kind(String request) {
		int space = request.indexOf(' ');
		String method = request.substring(0, space);
		String pathAndQuery = request.substring(space + 1);
		String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
		Matcher proxy = PROXY.matcher(pathAndQuery);
		if (proxy.matches()) {
			return "get nodes/proxy " + proxy.group(1);
		}
		Matcher matcher = PATH.matcher(path);
		if (!matcher.matches()) {
			return method + " " + path;
		}
		String verb = switch (method) {
			case "GET" -> (matcher.group(3) != null) ? "get" : "list";
			case "POST" -> "create";
			default -> method.toLowerCase();
		};
		String namespace = (matcher.group(1) != null) ? " in " + matcher.group(1) : "";
		return verb + " " + matcher.group(2) + namespace;
	}

}
