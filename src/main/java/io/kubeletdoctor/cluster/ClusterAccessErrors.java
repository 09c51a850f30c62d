package io.kubeletdoctor.cluster;

import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns fabric8 failures into {@link ClusterAccessException}s whose message a report can show
 * as is: the call, what went wrong and, for 403, the permission that is missing.
 */
final class ClusterAccessErrors {

	private ClusterAccessErrors() {
	}

	static ClusterAccessException from(ApiCall call, KubernetesClientException ex) {
		int code = ex.getCode();
		if (code <= 0) {
			return unreachable(call, ex);
		}
		String detail = serverMessage(ex);
		String message;
		if (code == 401) {
			message = "unauthorized: " + call.describe() + " (the API server rejected the credentials: " + detail + ")";
		}
		else if (code == 403) {
			message = "forbidden: " + call.describe() + " (" + call.missingPermission() + ")";
		}
		else if (code == 404) {
			message = "not found: " + call.describe() + " (" + detail + ")";
		}
		else if (code == 429) {
			message = "throttled: " + call.describe() + " (the API server asked to slow down: " + detail + ")";
		}
		else {
			message = call.describe() + " failed with HTTP " + code + ": " + detail;
		}
		return new ClusterAccessException(code, message, ex);
	}

	/** A call that got no HTTP answer at all: status 0, whether it timed out or never connected. */
	static ClusterAccessException unreachable(ApiCall call, Throwable ex) {
		String cause = rootMessage(ex);
		if (isTimeout(ex)) {
			return new ClusterAccessException(0, call.describe() + " timed out: " + cause, ex);
		}
		return new ClusterAccessException(0, call.describe() + " failed: cannot reach the API server (" + cause + ")",
				ex);
	}

	private static String serverMessage(KubernetesClientException ex) {
		Status status = ex.getStatus();
		if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
			return status.getMessage();
		}
		return String.valueOf(ex.getMessage());
	}

	static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			// SocketTimeoutException is an InterruptedIOException too
			if (cause instanceof TimeoutException || cause instanceof InterruptedIOException) {
				return true;
			}
			String message = cause.getMessage();
			if (message != null && (message.contains("timed out") || message.contains("timeout"))) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root instanceof UnknownHostException) {
			return "unknown host " + root.getMessage();
		}
		String message = root.getMessage();
		return (message != null) ? message : root.getClass().getSimpleName();
	}

}
