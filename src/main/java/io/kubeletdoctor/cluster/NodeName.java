package io.kubeletdoctor.cluster;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What Kubernetes accepts as a Node name: a DNS-1123 subdomain (lower-case alphanumerics, '-' and
 * '.', starting and ending with an alphanumeric) of at most 253 characters. A node name from an
 * alert label goes into API paths, so anything else ({@code ../namespaces/kube-system/secrets})
 * is rejected before a request is made.
 */
public final class NodeName {

	public static final int MAX_LENGTH = 253;

	private static final Pattern DNS_1123_SUBDOMAIN = Pattern
		.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

	private NodeName() {
	}

	public static boolean isValid(@Nullable String name) {
		// The length check comes first so the pattern never scans an unbounded value.
		return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH
				&& DNS_1123_SUBDOMAIN.matcher(name).matches();
	}

}
