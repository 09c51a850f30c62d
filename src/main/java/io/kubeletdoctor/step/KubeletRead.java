package io.kubeletdoctor.step;

import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.KubeletAccessRefusedException;
import io.kubeletdoctor.cluster.KubeletEndpoint;
import io.kubeletdoctor.cluster.KubeletResponse;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.playbook.StepContext;
import org.jspecify.annotations.Nullable;

/**
 * One kubelet GET whose failure must not fail the step: either the body, or what went wrong in
 * words the report can show; with how it travelled ({@code route}) or, when the service chose not
 * to send its token, why ({@code refused}).
 */
record KubeletRead(@Nullable String body, @Nullable String problem, @Nullable String route, boolean refused) {

	static KubeletRead of(StepContext context, @Nullable NodeFacts node, String path) {
		try {
			KubeletResponse response = context.reader().kubelet(context.nodeName(), endpoint(node), path);
			if (response.ok()) {
				return new KubeletRead(response.body(), null, response.route(), false);
			}
			return new KubeletRead(null, "HTTP " + response.status() + describe(response.status(), path),
					response.route(), false);
		}
		catch (KubeletAccessRefusedException ex) {
			return new KubeletRead(null, ex.getMessage(), null, true);
		}
		catch (ClusterAccessException ex) {
			return new KubeletRead(null, (ex.status() > 0) ? "HTTP " + ex.status() + describe(ex.status(), path)
					+ ": " + ex.getMessage() : String.valueOf(ex.getMessage()), null, false);
		}
	}

	/** The kubelet endpoint of the Node object, never of an alert; null when the Node gives none. */
	static @Nullable KubeletEndpoint endpoint(@Nullable NodeFacts node) {
		if (node == null || node.address() == null || node.kubeletPort() == null) {
			return null;
		}
		return new KubeletEndpoint(node.address(), node.kubeletPort());
	}

	boolean ok() {
		return this.body != null;
	}

	/** How the read went, or why it was not sent, for the step's facts. */
	@Nullable String access() {
		return this.refused ? this.problem : this.route;
	}

	static String describe(int status, String path) {
		switch (status) {
			case 401:
				return " (unauthorized: the kubelet did not accept the service-account token)";
			case 403:
				return " (forbidden: kubelet-doctor needs get on " + subresource(path) + ")";
			case 404:
				return " (not found)";
			case 502:
			case 503:
				return " (the API server could not reach the kubelet)";
			default:
				return "";
		}
	}

	/**
	 * The permission the kubelet's authorizer checks for a path: nodes/metrics, nodes/log, and for
	 * /configz nodes/configz (fine-grained kubelet authorization, 1.33 on) or nodes/proxy before.
	 */
	static String subresource(String path) {
		String relative = path.startsWith("/") ? path.substring(1) : path;
		if (relative.startsWith("metrics")) {
			return "nodes/metrics";
		}
		if (relative.startsWith("logs")) {
			return "nodes/log";
		}
		if (relative.startsWith("configz")) {
			return "nodes/configz (kubelets before 1.33 check nodes/proxy: app/components/node-proxy)";
		}
		return "nodes/proxy";
	}

}
