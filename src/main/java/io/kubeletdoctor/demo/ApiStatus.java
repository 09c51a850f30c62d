package io.kubeletdoctor.demo;

import java.util.Map;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import org.jspecify.annotations.Nullable;

/** {@code Status} answers worded like a real API server's. */
final class ApiStatus {

	/** The identity kubelet-doctor runs as in a cluster, named in simulated 403 answers. */
	static final String SERVICE_ACCOUNT = "system:serviceaccount:kubelet-doctor:kubelet-doctor";

	private static final KubernetesSerialization JSON = new KubernetesSerialization();

	private static final Map<Integer, String> REASONS = Map.of(400, "BadRequest", 401, "Unauthorized", 403,
			"Forbidden", 404, "NotFound", 409, "AlreadyExists", 429, "TooManyRequests", 500, "InternalError", 502,
			"BadGateway", 503, "ServiceUnavailable", 504, "Timeout");

	private ApiStatus() {
	}

	/** The answer to a request that a test made fail on purpose. */
	static MockResponse failure(String method, String pathAndQuery, int code) {
		ApiPath path = ApiPath.parse(pathAndQuery);
		String message;
		if (code == 401) {
			message = "Unauthorized";
		}
		else if (code == 403 && path != null) {
			message = forbiddenMessage(method, pathAndQuery, path);
		}
		else if (code == 404 && path != null && path.name() != null) {
			message = path.qualifiedResource() + " \"" + path.name() + "\" not found";
		}
		else if (code == 429) {
			message = "Too many requests, please try again later.";
		}
		else {
			message = "Internal error occurred: simulated failure of " + method + " " + pathAndQuery;
		}
		MockResponse response = response(code, message, path);
		if (code == 429) {
			response.setHeader("Retry-After", "1");
		}
		return response;
	}

	private static String forbiddenMessage(String method, String pathAndQuery, ApiPath path) {
		String subject = path.qualifiedResource() + ((path.name() != null) ? " \"" + path.name() + "\"" : "");
		String scope = (path.namespace() != null) ? "in the namespace \"" + path.namespace() + "\""
				: "at the cluster scope";
		return subject + " is forbidden: User \"" + SERVICE_ACCOUNT + "\" cannot " + path.verb(method, pathAndQuery)
				+ " resource \"" + path.resourceWithSubresource() + "\" in API group \"" + path.group() + "\" "
				+ scope;
	}

	static MockResponse response(int code, String message, @Nullable ApiPath path) {
		StatusBuilder status = new StatusBuilder().withStatus("Failure")
			.withMessage(message)
			.withReason(REASONS.getOrDefault(code, (code >= 500) ? "InternalError" : "BadRequest"))
			.withCode(code)
			.withNewMetadata()
			.endMetadata();
		if (path != null) {
			status.withNewDetails()
				.withName(path.name())
				.withGroup(path.group())
				.withKind(path.resource())
				.endDetails();
		}
		return json(code, status.build());
	}

	static MockResponse json(int code, Object body) {
		return new MockResponse().setResponseCode(code)
			.setHeader("Content-Type", "application/json")
			.setBody(JSON.asJson(body));
	}

	static KubernetesSerialization serialization() {
		return JSON;
	}

}
