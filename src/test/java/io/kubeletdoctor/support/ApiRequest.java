package io.kubeletdoctor.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A request to the Kubernetes API read the way the API server's request-info resolver reads it
 * before RBAC decides: {@code /api/v1/...} is the core group, {@code /apis/<group>/<version>/...}
 * a named one, {@code namespaces/<ns>/} scopes it, then resource, name and subresource. GET on a
 * collection is {@code list} (or {@code watch} with {@code watch=true}), GET on a name
 * {@code get}, POST {@code create}; a proxy path such as {@code /api/v1/nodes/n1/proxy/logs/} is
 * {@code get} on {@code nodes/proxy} named {@code n1}, with {@code logs} the path it proxies.
 */
public record ApiRequest(String verb, String apiGroup, String resource, @Nullable String subresource,
		@Nullable String namespace, @Nullable String name, @Nullable String path) {

	/**
	 * Parses {@code "METHOD path?query"} as the simulated API server records it.
	 * @throws IllegalArgumentException for a request RBAC does not see as a resource request
	 * (discovery, {@code /version})
	 */
	public static ApiRequest parse(String recorded) {
		int space = recorded.indexOf(' ');
		String method = recorded.substring(0, space);
		String target = recorded.substring(space + 1);
		int queryStart = target.indexOf('?');
		String path = (queryStart >= 0) ? target.substring(0, queryStart) : target;
		String query = (queryStart >= 0) ? target.substring(queryStart + 1) : "";
		List<String> parts = new ArrayList<>(Arrays.stream(path.split("/")).filter((p) -> !p.isEmpty()).toList());
		String group;
		int resourceStart;
		if (parts.size() >= 2 && parts.get(0).equals("api")) {
			group = "";
			resourceStart = 2;
		}
		else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
			group = parts.get(1);
			resourceStart = 3;
		}
		else {
			throw new IllegalArgumentException("Not a resource request (RBAC would need nonResourceURLs): " + recorded);
		}
		List<String> rest = parts.subList(resourceStart, parts.size());
		if (rest.isEmpty()) {
			throw new IllegalArgumentException("API discovery, not a resource request: " + recorded);
		}
		String namespace = null;
		if (rest.get(0).equals("namespaces") && rest.size() > 2) {
			namespace = rest.get(1);
			rest = rest.subList(2, rest.size());
		}
		String resource = rest.get(0);
		String name = (rest.size() > 1) ? rest.get(1) : null;
		String subresource = (rest.size() > 2) ? rest.get(2) : null;
		String beyond = (rest.size() > 3) ? String.join("/", rest.subList(3, rest.size())) : null;
		return new ApiRequest(verb(method, name, query), group, resource, subresource, namespace, name, beyond);
	}

	private static String verb(String method, @Nullable String name, String query) {
		switch (method) {
			case "GET":
			case "HEAD":
				if (name != null) {
					return "get";
				}
				return (query.contains("watch=true") || query.contains("watch=1")) ? "watch" : "list";
			case "POST":
				return "create";
			case "PUT":
				return "update";
			case "PATCH":
				return "patch";
			case "DELETE":
				return (name != null) ? "delete" : "deletecollection";
			default:
				return method.toLowerCase();
		}
	}

	/** {@code resource/subresource} as RBAC rules name it. */
	public String qualifiedResource() {
		return (this.subresource != null) ? this.resource + "/" + this.subresource : this.resource;
	}

	@Override
	public String toString() {
		String group = this.apiGroup.isEmpty() ? "core" : this.apiGroup;
		String scope = (this.namespace != null) ? " in " + this.namespace : "";
		String named = (this.name != null) ? " " + this.name : "";
		return this.verb + " " + group + "/" + qualifiedResource() + named + scope;
	}

}
