package io.kubeletdoctor.support;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests sorted by kind as RBAC reads them, from the one parser of recorded requests. */
class ApiRequestsTests {

	@Test
	void requestsAreCountedByVerbResourceAndNamespace() {
		ApiRequests requests = new ApiRequests(List.of("GET /api/v1/nodes/worker-1", "GET /api/v1/nodes/worker-2",
				"GET /api/v1/nodes?labelSelector=a",
				"GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
				"POST /apis/authorization.k8s.io/v1/subjectaccessreviews", "GET /api/v1/nodes/worker-1/proxy/configz",
				"GET /api/v1/nodes/worker-1/proxy/logs/?query=kubelet", "GET /version"));

		assertThat(requests.byKind()).containsExactly(Map.entry("GET /version", 1L),
				Map.entry("create subjectaccessreviews", 1L), Map.entry("get nodes", 2L),
				Map.entry("get nodes/proxy configz", 1L), Map.entry("get nodes/proxy logs", 1L),
				Map.entry("list leases in kube-node-lease", 1L), Map.entry("list nodes", 1L));
		assertThat(requests.total()).isEqualTo(8);
	}

	@Test
	void aProxiedPathIsGetOnTheNodesProxySubresource() {
		ApiRequest request = ApiRequest.parse("GET /api/v1/nodes/worker-1/proxy/logs/kubelet.log");

		assertThat(request.verb()).isEqualTo("get");
		assertThat(request.qualifiedResource()).isEqualTo("nodes/proxy");
		assertThat(request.name()).isEqualTo("worker-1");
		assertThat(request.path()).isEqualTo("logs/kubelet.log");
	}

}
