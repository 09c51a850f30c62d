package io.kubeletdoctor.cluster;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import org.jspecify.annotations.Nullable;

/**
 * {@link ClusterReader} over one fabric8 client. Every API request goes through the cluster's
 * {@link ApiThrottle} (rate limit, retries honouring Retry-After); the kubelet handshake and direct
 * kubelet reads do not, as they never reach the API server (they have their own bound). Every failure becomes a {@link ClusterAccessException}
 * naming the call; a missing object is an empty result, not an error.
 */
public class Fabric8ClusterReader implements ClusterReader {

	private static final String CERTIFICATES_GROUP = "certificates.k8s.io";

	private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

	private static final String COORDINATION_GROUP = "coordination.k8s.io";

	private static final long PAGE = 500;

	private final String clusterName;

	private final KubernetesClient client;

	private final KubeletTlsInspector inspector;

	private final KubeletReads kubelets;

	private final ApiThrottle throttle;

	/**
	 * A reader at the default rate limit, retrying as the client's configuration says. The client
	 * was not built with {@link ApiThrottle#install}, so only node proxy reads honour Retry-After.
	 */
	public Fabric8ClusterReader(String clusterName, KubernetesClient client, KubeletTlsInspector inspector) {
		this(clusterName, client, inspector, ApiThrottle.forClient(RateLimit.DEFAULT, client.getConfiguration()));
	}

	/** @param client a client built with {@code throttle.install(...)}, so 429 answers reach the throttle */
	public Fabric8ClusterReader(String clusterName, KubernetesClient client, KubeletTlsInspector inspector,
			ApiThrottle throttle) {
		this(clusterName, client, inspector, throttle, KubeletApiSettings.DEFAULT, Clock.systemUTC());
	}

	/**
	 * @param kubeletApi how kubelets are read directly, and the CA their serving certificates must verify against
	 * @param clock the time those certificates' dates are checked at
	 */
	public Fabric8ClusterReader(String clusterName, KubernetesClient client, KubeletTlsInspector inspector,
			ApiThrottle throttle, KubeletApiSettings kubeletApi, Clock clock) {
		this.clusterName = clusterName;
		this.client = withoutRetries(client);
		this.inspector = inspector;
		this.throttle = throttle;
		Config config = client.getConfiguration();
		this.kubelets = new KubeletReads(new DirectKubeletClient(kubeletApi, () -> serviceAccountToken(config), clock),
				new KubeletTrustSource(kubeletApi.caFile(),
						() -> configMap(KubeletTrustSource.NAMESPACE, KubeletTrustSource.CONFIG_MAP)),
				new NodeProxyGrant(clusterName, this::nodeProxyGranted), new NodeProxy(client, throttle));
	}

	/**
	 * The bearer token the client itself sends (a token provider, a configured token, or the
	 * service-account token fabric8 read and refreshes); null for a client that uses certificates.
	 */
	private static @Nullable String serviceAccountToken(Config config) {
		OAuthTokenProvider provider = config.getOauthTokenProvider();
		if (provider != null) {
			return provider.getToken();
		}
		String token = config.getOauthToken();
		return (token != null && !token.isBlank()) ? token : config.getAutoOAuthToken();
	}

	/** A SelfSubjectAccessReview: may this service account get nodes/proxy? Every authenticated user may ask. */
	private boolean nodeProxyGranted() {
		SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
			.withNewResourceAttributes()
			.withVerb("get")
			.withResource("nodes")
			.withSubresource("proxy")
			.endResourceAttributes()
			.endSpec()
			.build();
		ApiCall call = new ApiCall("create", "selfsubjectaccessreviews", "authorization.k8s.io", null, null);
		SelfSubjectAccessReview answer = call(call,
				() -> this.client.authorization().v1().selfSubjectAccessReview().create(review));
		return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
	}

	/** The same client (connections, credentials, interceptors) with fabric8's own retries off: the throttle retries. */
	private static KubernetesClient withoutRetries(KubernetesClient client) {
		RequestConfig noRetries = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
			.withRequestRetryBackoffLimit(0)
			.build();
		return client.newClient(noRetries).adapt(KubernetesClient.class);
	}

	@Override
	public String clusterName() {
		return this.clusterName;
	}

	@Override
	public Optional<Node> node(String name) {
		requireNodeName(name);
		return find(ApiCall.get("nodes", null, null, name), () -> this.client.nodes().withName(name).get());
	}

	@Override
	public List<Node> nodes() {
		return paged(ApiCall.list("nodes", null), (options) -> this.client.nodes().list(options));
	}

	@Override
	public Optional<Lease> lease(String namespace, String name) {
		return find(ApiCall.get("leases", COORDINATION_GROUP, namespace, name),
				() -> this.client.leases().inNamespace(namespace).withName(name).get());
	}

	@Override
	public List<Lease> leases(String namespace) {
		ApiCall call = new ApiCall("list", "leases", COORDINATION_GROUP, namespace, null);
		return paged(call, (options) -> this.client.leases().inNamespace(namespace).list(options));
	}

	/**
	 * Asks the API server to filter by field selector; the items are checked again here because
	 * not every server honours {@code involvedObject.*} selectors (the fabric8 CRUD mock ignores
	 * them or returns nothing).
	 */
	@Override
	public List<Event> nodeEvents(String nodeName) {
		requireNodeName(nodeName);
		List<Event> events = call(ApiCall.list("events", null), () -> this.client.v1()
			.events()
			.inAnyNamespace()
			.withFields(Map.of("involvedObject.kind", "Node", "involvedObject.name", nodeName))
			.list()
			.getItems());
		return events.stream().filter((event) -> involves(event, nodeName)).toList();
	}

	/** The same field selector without the name: one LIST for every node's events. */
	@Override
	public List<Event> nodeEvents() {
		List<Event> events = paged(ApiCall.list("events", null), (options) -> this.client.v1()
			.events()
			.inAnyNamespace()
			.withField("involvedObject.kind", "Node")
			.list(options));
		return events.stream().filter(Fabric8ClusterReader::involvesANode).toList();
	}

	/**
	 * The diagnosis rejects invalid node names before it reads anything; this keeps any other caller
	 * from putting one into an API path ({@code nodes/../namespaces/kube-system/secrets}).
	 */
	private static void requireNodeName(String name) {
		if (!NodeName.isValid(name)) {
			throw new IllegalArgumentException("Not a Kubernetes node name; no request made");
		}
	}

	private static boolean involves(Event event, String nodeName) {
		return involvesANode(event) && nodeName.equals(event.getInvolvedObject().getName());
	}

	private static boolean involvesANode(Event event) {
		ObjectReference involved = event.getInvolvedObject();
		return involved != null && "Node".equals(involved.getKind()) && involved.getName() != null;
	}

	@Override
	public List<CertificateSigningRequest> certificateSigningRequests() {
		return paged(ApiCall.list("certificatesigningrequests", CERTIFICATES_GROUP),
				(options) -> this.client.certificates().v1().certificateSigningRequests().list(options));
	}

	@Override
	public Optional<ConfigMap> configMap(String namespace, String name) {
		return find(ApiCall.get("configmaps", null, namespace, name),
				() -> this.client.configMaps().inNamespace(namespace).withName(name).get());
	}

	@Override
	public List<ClusterRoleBinding> clusterRoleBindings() {
		return call(ApiCall.list("clusterrolebindings", RBAC_GROUP),
				() -> this.client.rbac().clusterRoleBindings().list().getItems());
	}

	@Override
	public Optional<ClusterRoleBinding> clusterRoleBinding(String name) {
		return find(ApiCall.get("clusterrolebindings", RBAC_GROUP, null, name),
				() -> this.client.rbac().clusterRoleBindings().withName(name).get());
	}

	@Override
	public List<ClusterRole> clusterRoles() {
		return call(ApiCall.list("clusterroles", RBAC_GROUP), () -> this.client.rbac().clusterRoles().list().getItems());
	}

	@Override
	public SubjectAccessReview review(SubjectAccessReview review) {
		ApiCall call = new ApiCall("create", "subjectaccessreviews", "authorization.k8s.io", null, null);
		return call(call, () -> this.client.authorization().v1().subjectAccessReview().create(review));
	}

	@Override
	public KubeletResponse kubelet(String nodeName, @Nullable KubeletEndpoint endpoint, String path) {
		requireNodeName(nodeName);
		return this.kubelets.get(nodeName, endpoint, path);
	}

	@Override
	public KubeletHandshake handshake(String host, int port) {
		return this.inspector.inspect(host, port);
	}

	private <T> T call(ApiCall call, Supplier<T> read) {
		return this.throttle.call(call, read);
	}

	/**
	 * A cluster-wide LIST in pages of {@value #PAGE}, each page one request under the rate limit, so
	 * 5,000 Leases never arrive as one answer the API server must build in one go. A continue token
	 * that expired (410) starts the LIST again once.
	 */
	private <T extends HasMetadata> List<T> paged(ApiCall call, Function<ListOptions, ? extends KubernetesResourceList<T>> page) {
		for (int attempt = 1;; attempt++) {
			try {
				List<T> items = new ArrayList<>();
				String next = null;
				do {
					ListOptions options = new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build();
					KubernetesResourceList<T> answer = call(call, () -> page.apply(options));
					items.addAll(answer.getItems());
					next = (answer.getMetadata() != null) ? answer.getMetadata().getContinue() : null;
				}
				while (next != null && !next.isEmpty());
				return items;
			}
			catch (ClusterAccessException ex) {
				if (ex.status() != 410 || attempt > 1) {
					throw ex;
				}
			}
		}
	}

	private <T> Optional<T> find(ApiCall call, Supplier<@Nullable T> read) {
		try {
			return Optional.ofNullable(this.throttle.call(call, read));
		}
		catch (ClusterAccessException ex) {
			if (ex.status() == 404) {
				return Optional.empty();
			}
			throw ex;
		}
	}

}
