package io.kubeletdoctor.cluster;

import org.jspecify.annotations.Nullable;

/**
 * One read the service makes, described the way RBAC sees it (verb, resource, API group,
 * namespace), so a failure can name the call and, when forbidden, the permission to grant.
 */
record ApiCall(String verb, String resource, @Nullable String group, @Nullable String namespace,
		@Nullable String name) {

	static ApiCall list(String resource, @Nullable String group) {
		return new ApiCall("list", resource, group, null, null);
	}

	static ApiCall get(String resource, @Nullable String group, @Nullable String namespace, String name) {
		return new ApiCall("get", resource, group, namespace, name);
	}

	/** {@code certificatesigningrequests.certificates.k8s.io}, or just the resource for the core group. */
	String qualifiedResource() {
		return (this.group == null || this.group.isEmpty()) ? this.resource : this.resource + "." + this.group;
	}

	/** e.g. {@code get configmaps kube-root-ca.crt in namespace kube-system}. */
	String describe() {
		StringBuilder text = new StringBuilder(this.verb).append(' ').append(qualifiedResource());
		if (this.name != null) {
			text.append(' ').append(this.name);
		}
		if (this.namespace != null) {
			text.append(" in namespace ").append(this.namespace);
		}
		return text.toString();
	}

	/** What an administrator has to grant, e.g. {@code grant list on certificatesigningrequests}. */
	String missingPermission() {
		String permission = "grant " + this.verb + " on " + this.resource;
		return (this.namespace != null) ? permission + " in namespace " + this.namespace : permission;
	}

}
