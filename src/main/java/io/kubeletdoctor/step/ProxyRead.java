package io.kubeletdoctor.step;

import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.ProxyResponse;
import io.kubeletdoctor.playbook.StepContext;
import org.jspecify.annotations.Nullable;

/**
 * One GET through the node proxy whose failure must not fail the step: either the body, or what went
 * wrong in words the report can show.
 */
record ProxyRead(@Nullable String body, @Nullable String problem) {

	static ProxyRead of(StepContext context, String path) {
		try {
			ProxyResponse response = context.reader().nodeProxy(context.nodeName(), path);
			if (response.ok()) {
				return new ProxyRead(response.body(), null);
			}
			return new ProxyRead(null, "HTTP " + response.status() + describe(response.status()));
		}
		catch (ClusterAccessException ex) {
			return new ProxyRead(null, (ex.status() > 0) ? "HTTP " + ex.status() + describe(ex.status()) + ": "
					+ ex.getMessage() : String.valueOf(ex.getMessage()));
		}
	}

	boolean ok() {
		return this.body != null;
	}

	static String describe(int status) {
		switch (status) {
			case 401:
				return " (unauthorized)";
			case 403:
				return " (forbidden: kubelet-doctor needs get on nodes/proxy)";
			case 404:
				return " (not found)";
			case 502:
			case 503:
				return " (the API server could not reach the kubelet)";
			default:
				return "";
		}
	}

}
