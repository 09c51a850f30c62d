package io.kubeletdoctor.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts Kubernetes API requests by resource and outcome ({@code kubelet_doctor_kubernetes_requests_total}),
 * so operators see a missing permission (forbidden), an overloaded API server (throttled,
 * server_error) or our own rate limit (rate_limited) before reports turn UNDETERMINED. Readers are
 * created per cluster outside the application context, so whoever builds one hands its throttle
 * the application's registry.
 */
final class ApiRequestMetrics {

	static final String NAME = "kubelet.doctor.kubernetes.requests";

	private final MeterRegistry registry;

	ApiRequestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void answered(ApiCall call, int status) {
		count(call, outcome(status));
	}

	void failed(ApiCall call, KubernetesClientException ex) {
		int code = ex.getCode();
		count(call, (code > 0) ? outcome(code) : ClusterAccessErrors.isTimeout(ex) ? "timeout" : "unreachable");
	}

	void unreachable(ApiCall call, Throwable ex) {
		count(call, ClusterAccessErrors.isTimeout(ex) ? "timeout" : "unreachable");
	}

	void rateLimited(ApiCall call) {
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

	private void count(ApiCall call, String outcome) {
		this.registry.counter(NAME, "resource", call.qualifiedResource(), "verb", call.verb(), "outcome", outcome)
			.increment();
	}

}
