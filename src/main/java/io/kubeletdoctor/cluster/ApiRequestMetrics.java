package io.kubeletdoctor.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Metrics;

/**
 * Counts Kubernetes API requests by resource and outcome ({@code kubelet_doctor_kubernetes_requests_total}),
 * so operators see a missing permission (forbidden), an overloaded API server (throttled,
 * server_error) or our own rate limit (rate_limited) before reports turn UNDETERMINED. Readers are
 * created per cluster outside the application context, so this counts through Micrometer's global
 * registry, which Spring Boot binds to its own.
 */
final class ApiRequestMetrics {

	static final String NAME = "kubelet.doctor.kubernetes.requests";

	private ApiRequestMetrics() {
	}

	static void answered(ApiCall call, int status) {
		count(call, outcome(status));
	}

	static void failed(ApiCall call, KubernetesClientException ex) {
		int code = ex.getCode();
		count(call, (code > 0) ? outcome(code) : ClusterAccessErrors.isTimeout(ex) ? "timeout" : "unreachable");
	}

	static void unreachable(ApiCall call, Throwable ex) {
		count(call, ClusterAccessErrors.isTimeout(ex) ? "timeout" : "unreachable");
	}

	static void rateLimited(ApiCall call) {
		count(call, "rate_limited");
	}

	static String outcome(int status) {
		if (status >= 200 && status < 300) {
			return "success";
		}
		switch (status) {
			case 401:
				return "unauthorized";
			case 403:
				return "forbidden";
			case 404:
				return "not_found";
			case 429:
				return "throttled";
			default:
				return (status >= 500) ? "server_error" : "client_error";
		}
	}

	private static void count(ApiCall call, String outcome) {
		Metrics.counter(NAME, "resource", call.qualifiedResource(), "verb", call.verb(), "outcome", outcome)
			.increment();
	}

}
