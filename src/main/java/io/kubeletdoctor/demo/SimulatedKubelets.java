package io.kubeletdoctor.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.kubeletdoctor.demo.KubeletBehaviour.ProxyAnswer;
import org.jspecify.annotations.Nullable;

/**
 * The kubelets of a simulated cluster as the service meets them: what each answers, the one bearer
 * token they accept (the service account's), and which subresources of {@code nodes} the
 * simulated RBAC grants that account. By default exactly what {@code app/} grants: nodes/metrics,
 * nodes/log and nodes/configz, no nodes/proxy. Every request to a kubelet port is recorded.
 */
final class SimulatedKubelets {

	/** The token the simulated API server's clients carry, and so the service account's. */
	static final String SERVICE_ACCOUNT_TOKEN = "simulated-cluster-token";

	static final Set<String> BASE_INSTALL_GRANTS = Set.of("nodes/metrics", "nodes/log", "nodes/configz");

	private final Map<String, KubeletBehaviour> kubelets = new ConcurrentHashMap<>();

	private final List<KubeletRequest> requests = Collections.synchronizedList(new ArrayList<>());

	private volatile Set<String> grants = BASE_INSTALL_GRANTS;

	void register(KubeletBehaviour kubelet) {
		this.kubelets.put(kubelet.nodeName(), kubelet);
	}

	@Nullable KubeletBehaviour behaviour(String nodeName) {
		return this.kubelets.get(nodeName);
	}

	void grants(Set<String> granted) {
		this.grants = Set.copyOf(granted);
	}

	boolean granted(String permission) {
		return this.grants.contains(permission);
	}

	/** A request on the kubelet port of {@code nodeName}, after TLS; {@code authorization} is the header, if any. */
	ProxyAnswer answer(String nodeName, String method, String target, @Nullable String authorization) {
		KubeletBehaviour kubelet = this.kubelets.get(nodeName);
		ProxyAnswer answer = decide(kubelet, method, target, authorization);
		this.requests.add(new KubeletRequest(nodeName, method, target, KubeletAuthorizer.permission(target),
				answer.status()));
		return answer;
	}

	private ProxyAnswer decide(@Nullable KubeletBehaviour kubelet, String method, String target,
			@Nullable String authorization) {
		if (kubelet == null) {
			return ProxyAnswer.text(503, "kubelet not ready\n");
		}
		if (!("Bearer " + SERVICE_ACCOUNT_TOKEN).equals(authorization)) {
			return ProxyAnswer.text(401, "Unauthorized\n");
		}
		if (!KubeletAuthorizer.allowed(target, kubelet.kubeletVersion(), this.grants)) {
			String permission = KubeletAuthorizer.permission(target);
			return ProxyAnswer.text(403, "Forbidden (user=" + ApiStatus.SERVICE_ACCOUNT + ", verb="
					+ (method.equals("GET") ? "get" : method.toLowerCase()) + ", resource=nodes, subresource(s)=["
					+ permission.substring("nodes/".length()) + "])\n");
		}
		if (!method.equals("GET")) {
			return ProxyAnswer.text(405, "405: Method Not Allowed\n");
		}
		return KubeletProxy.route(kubelet, target.startsWith("/") ? target.substring(1) : target);
	}

	List<KubeletRequest> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	void clearRequests() {
		this.requests.clear();
	}

}
