package io.kubeletdoctor.demo;

/**
 * One request a simulated kubelet received on its own port: the node, method and path (with its
 * query), the permission its authorizer checked (e.g. {@code nodes/metrics}; {@code nodes/proxy}
 * for paths without a fine-grained subresource) and the status it answered.
 */
public record KubeletRequest(String node, String method, String path, String permission, int status) {

	/** The subresource of {@code nodes} the permission names, e.g. {@code metrics}. */
	public String subresource() {
		return this.permission.substring(this.permission.indexOf('/') + 1);
	}

}
