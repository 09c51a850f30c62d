package io.kubeletdoctor.demo;

import java.util.Set;

/**
 * The kubelet's own authorizer as a simulated kubelet applies it: the bearer token must be the
 * service account's (else 401), and the path maps to a subresource of {@code nodes} that the
 * simulated RBAC must grant (else 403): {@code /metrics} to nodes/metrics, {@code /logs} to
 * nodes/log, {@code /configz}, {@code /healthz} and {@code /pods} to nodes/configz, nodes/healthz
 * and nodes/pods with fine-grained kubelet authorization (on by default from 1.33; nodes/proxy is
 * accepted in their place) and to nodes/proxy before it; every other path to nodes/proxy.
 */
final class KubeletAuthorizer {

	static final int FINE_GRAINED_SINCE_MINOR = 33;

	private static final Set<String> FINE_GRAINED = Set.of("configz", "healthz", "pods");

	private KubeletAuthorizer() {
	}

	/** The permission a kubelet with fine-grained authorization checks first for {@code path}. */
	static String permission(String path) {
		String first = firstSegment(path);
		if (first.equals("metrics")) {
			return "nodes/metrics";
		}
		if (first.equals("logs")) {
			return "nodes/log";
		}
		if (first.equals("stats") || first.equals("spec") || first.equals("checkpoint")) {
			return "nodes/" + first;
		}
		if (FINE_GRAINED.contains(first)) {
			return "nodes/" + first;
		}
		return "nodes/proxy";
	}

	/** Whether {@code grants} let the caller read {@code path} from a kubelet of {@code kubeletVersion}. */
	static boolean allowed(String path, String kubeletVersion, Set<String> grants) {
		String permission = permission(path);
		boolean fineGrained = FINE_GRAINED.contains(firstSegment(path));
		if (fineGrained && KubeletAnswers.minorVersion(kubeletVersion) < FINE_GRAINED_SINCE_MINOR) {
			return grants.contains("nodes/proxy");
		}
		return grants.contains(permission) || (fineGrained && grants.contains("nodes/proxy"));
	}

	private static String firstSegment(String path) {
		String relative = path.startsWith("/") ? path.substring(1) : path;
		int query = relative.indexOf('?');
		relative = (query >= 0) ? relative.substring(0, query) : relative;
		int slash = relative.indexOf('/');
		return (slash >= 0) ? relative.substring(0, slash) : relative;
	}

}
