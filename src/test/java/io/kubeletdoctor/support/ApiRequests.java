package io.kubeletdoctor.support;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The requests a simulated API server received ({@code "METHOD path"}), sorted by kind the way
 * RBAC sees them: {@code get nodes}, {@code list events}, {@code get leases in kube-node-lease},
 * {@code create subjectaccessreviews}, {@code get nodes/proxy configz}.
 */
public final class ApiRequests {

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

	/** The request as {@link ApiRequest} reads it, without its name; a non-resource request as it came. */
	static String kind(String recorded) {
		ApiRequest request;
		try {
			request = ApiRequest.parse(recorded);
		}
		catch (IllegalArgumentException ex) {
			int query = recorded.indexOf('?');
			return (query >= 0) ? recorded.substring(0, query) : recorded;
		}
		if ("nodes".equals(request.resource()) && "proxy".equals(request.subresource())) {
			String path = (request.path() != null) ? request.path() : "";
			int slash = path.indexOf('/');
			return request.verb() + " nodes/proxy " + ((slash >= 0) ? path.substring(0, slash) : path);
		}
		String namespace = (request.namespace() != null) ? " in " + request.namespace() : "";
		return request.verb() + " " + request.qualifiedResource() + namespace;
	}

}
