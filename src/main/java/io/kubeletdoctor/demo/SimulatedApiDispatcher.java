package io.kubeletdoctor.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import org.jspecify.annotations.Nullable;

/**
 * The simulated API server: fabric8's CRUD store, plus what it lacks for this project. It records
 * every request, fails the ones a test asks it to, answers the node proxy from the simulated
 * kubelets where the simulated RBAC grants nodes/proxy, answers SubjectAccessReviews and the
 * service's SelfSubjectAccessReviews (without storing them), honours {@code involvedObject.*}
 * field selectors on events, and keeps a {@code creationTimestamp} given on create so scenarios
 * can seed objects of a given age (a real API server would overwrite it).
 */
final class SimulatedApiDispatcher extends Dispatcher {

	private static final Pattern NODE_PROXY = Pattern.compile("/api/v1/nodes/([^/?]+)/proxy(?:/(.*))?");

	private static final Pattern EVENT_LIST = Pattern.compile("/api/v1/(?:namespaces/[^/]+/)?events\\?.*");

	private static final String SUBJECT_ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

	private static final String SELF_SUBJECT_ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<ServerRequest, Queue<ServerResponse>> expectations;

	private final MockDispatcher expectationDispatcher;

	private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();

	private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

	private final List<FailureRule> failures = new CopyOnWriteArrayList<>();

	private final SimulatedKubelets kubelets;

	private volatile Predicate<SubjectAccessReviewSpec> accessPolicy = (spec) -> true;

	SimulatedApiDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, SimulatedKubelets kubelets) {
		this.expectations = expectations;
		this.kubelets = kubelets;
		this.expectationDispatcher = new MockDispatcher(expectations);
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		String method = request.getMethod();
		String path = request.getPath();
		this.requests.add(method + " " + path);
		for (int i = this.failures.size() - 1; i >= 0; i--) {
			FailureRule rule = this.failures.get(i);
			if (rule.pattern().matcher(path).find() && rule.take()) {
				return ApiStatus.failure(method, path, rule.status());
			}
		}
		Matcher proxy = NODE_PROXY.matcher(path);
		if (proxy.matches()) {
			return nodeProxy(method, path, proxy.group(1), (proxy.group(2) != null) ? proxy.group(2) : "");
		}
		if (method.equals("POST") && path.startsWith(SELF_SUBJECT_ACCESS_REVIEWS)) {
			return selfReview(utf8(request.getBody()));
		}
		if (method.equals("POST") && path.startsWith(SUBJECT_ACCESS_REVIEWS)) {
			return review(utf8(request.getBody()));
		}
		Matcher events = EVENT_LIST.matcher(path);
		if (method.equals("GET") && events.matches() && path.contains("fieldSelector=")) {
			return InvolvedObjectSelector.list(this.crud, path);
		}
		Queue<ServerResponse> expected = this.expectations.get(new SimpleRequest(HttpMethod.valueOf(method), path));
		if (expected != null && !expected.isEmpty()) {
			return this.expectationDispatcher.dispatch(request);
		}
		// read without consuming: the CRUD store reads the same buffer
		String body = method.equals("POST") ? utf8(request.getBody()) : "";
		MockResponse response = this.crud.dispatch(request);
		if (method.equals("POST") && response.code() == 201) {
			return keepCreationTimestamp(path, body, response);
		}
		return response;
	}

	/** RBAC first, as the API server decides nodes/proxy before it proxies anything. */
	private MockResponse nodeProxy(String method, String path, String nodeName, String pathAndQuery) {
		if (!this.kubelets.granted("nodes/proxy")) {
			return ApiStatus.failure(method, path, 403);
		}
		KubeletBehaviour kubelet = this.kubelets.behaviour(nodeName);
		if (kubelet == null) {
			return ApiStatus.response(404, "nodes \"" + nodeName + "\" not found",
					new ApiPath("", null, "nodes", nodeName, null));
		}
		return KubeletProxy.answer(kubelet, pathAndQuery);
	}

	private MockResponse review(String body) {
		SubjectAccessReview review = ApiStatus.serialization().unmarshal(body, SubjectAccessReview.class);
		boolean allowed = review.getSpec() != null && this.accessPolicy.test(review.getSpec());
		review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed)
			.withReason(allowed ? "RBAC: allowed by the simulated cluster's policy" : "")
			.build());
		return ApiStatus.json(201, review);
	}

	/** The service asking about itself: answered from the subresources of nodes the simulated RBAC grants. */
	private MockResponse selfReview(String body) {
		SelfSubjectAccessReview review = ApiStatus.serialization().unmarshal(body, SelfSubjectAccessReview.class);
		ResourceAttributes attributes = (review.getSpec() != null) ? review.getSpec().getResourceAttributes() : null;
		boolean allowed = attributes != null && "nodes".equals(attributes.getResource())
				&& attributes.getSubresource() != null && "get".equals(attributes.getVerb())
				&& this.kubelets.granted("nodes/" + attributes.getSubresource());
		review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed)
			.withReason(allowed ? "RBAC: allowed by the simulated cluster's policy" : "")
			.build());
		return ApiStatus.json(201, review);
	}

	private MockResponse keepCreationTimestamp(String path, String requestBody, MockResponse response) {
		try {
			String requested = JSON.readTree(requestBody).path("metadata").path("creationTimestamp").asText("");
			if (requested.isEmpty()) {
				return response;
			}
			ObjectNode created = (ObjectNode) JSON.readTree(utf8(response.getBody()));
			String name = created.path("metadata").path("name").asText();
			((ObjectNode) created.path("metadata")).put("creationTimestamp", requested);
			String json = JSON.writeValueAsString(created);
			AttributeSet key = this.crud.getKey(path).add(new Attribute(KubernetesAttributesExtractor.NAME, name));
			Map.Entry<AttributeSet, String> stored = this.crud.findResource(key);
			if (stored != null) {
				this.crud.getMap().put(stored.getKey(), json);
			}
			return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json").setBody(json);
		}
		catch (Exception ex) {
			return response;
		}
	}

	private static String utf8(@Nullable Buffer buffer) {
		return (buffer != null) ? new String(buffer.getBytes(), StandardCharsets.UTF_8) : "";
	}

	void failRequests(Pattern pattern, int status) {
		this.failures.add(new FailureRule(pattern, status, new AtomicInteger(-1)));
	}

	void failRequests(Pattern pattern, int status, int times) {
		this.failures.add(new FailureRule(pattern, status, new AtomicInteger(Math.max(0, times))));
	}

	void clearFailures() {
		this.failures.clear();
	}

	void accessPolicy(Predicate<SubjectAccessReviewSpec> policy) {
		this.accessPolicy = policy;
	}

	List<String> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	void clearRequests() {
		this.requests.clear();
	}

	/** {@code remaining} is how many more requests fail, or negative for every one. */
	private record FailureRule(Pattern pattern, int status, AtomicInteger remaining) {

		boolean take() {
			return this.remaining.getAndUpdate((n) -> (n > 0) ? n - 1 : n) != 0;
		}

	}

}
