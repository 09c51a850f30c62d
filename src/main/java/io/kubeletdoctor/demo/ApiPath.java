package io.kubeletdoctor.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A request path of the Kubernetes API read the way the authorizer reads it, so simulated
 * failures can word their Status like a real API server.
 */
record ApiPath(String group, @Nullable String namespace, String resource, @Nullable String name,
		@Nullable String subresource) {

	private static final Pattern PATH = Pattern.compile("/(?:api/[^/]+|apis/(?<group>[^/]+)/[^/]+)"
			+ "(?:/namespaces/(?<namespace>[^/]+))?(?:/(?<resource>[^/]+)(?:/(?<name>[^/]+)(?:/(?<sub>[^/]+).*)?)?)?");

	static @Nullable ApiPath parse(String pathAndQuery) {
		int query = pathAndQuery.indexOf('?');
		String path = (query >= 0) ? pathAndQuery.substring(0, query) : pathAndQuery;
		Matcher matcher = PATH.matcher(path);
		if (!matcher.matches()) {
			return null;
		}
		String group = (matcher.group("group") != null) ? matcher.group("group") : "";
		String namespace = matcher.group("namespace");
		if (matcher.group("resource") == null) {
			// /api/v1/namespaces/<ns> is the namespace itself
			return (namespace != null) ? new ApiPath(group, null, "namespaces", namespace, null) : null;
		}
		return new ApiPath(group, namespace, matcher.group("resource"), matcher.group("name"), matcher.group("sub"));
	}

	/** The RBAC verb of a request on this path. */
	String verb(String method, String pathAndQuery) {
		switch (method) {
			case "GET":
				if (this.name != null) {
					return "get";
				}
				return pathAndQuery.contains("watch=true") ? "watch" : "list";
			case "POST":
				return "create";
			case "PUT":
				return "update";
			case "PATCH":
				return "patch";
			case "DELETE":
				return (this.name != null) ? "delete" : "deletecollection";
			default:
				return method.toLowerCase();
		}
	}

	String qualifiedResource() {
		return this.group.isEmpty() ? this.resource : this.resource + "." + this.group;
	}

	String resourceWithSubresource() {
		return (this.subresource != null) ? this.resource + "/" + this.subresource : this.resource;
	}

}
