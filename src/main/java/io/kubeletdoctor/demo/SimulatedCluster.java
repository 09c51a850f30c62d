package io.kubeletdoctor.demo;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.kubeletdoctor.cluster.ApiThrottle;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.Fabric8ClusterReader;
import io.kubeletdoctor.cluster.KubeletApiSettings;
import io.kubeletdoctor.cluster.KubeletTlsInspector;
import io.kubeletdoctor.cluster.RateLimit;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.IssuedCertificate;

/**
 * A Kubernetes cluster in the JVM, for the demo profile and for tests: fabric8's mock API server
 * in CRUD mode on 127.0.0.1 (plain HTTP), fake kubelets on 127.0.0.1 (HTTPS, checking the service
 * account's token and the subresource their authorizer maps each path to), a cluster CA, and the
 * node proxy answered from what each {@link SimulatedNode} was told where nodes/proxy is granted. Nothing here opens a
 * connection beyond the loopback interface.
 */
public final class SimulatedCluster implements AutoCloseable {

	/** The MockWebServer logs every request at INFO; kept referenced so the level sticks. */
	private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

	static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";

	private final Clock clock;

	private final KubernetesMockServer server;

	private final SimulatedApiDispatcher dispatcher;

	private final SimulatedKubelets kubelets;

	private final KubernetesClient client;

	private final IssuedCertificate clusterCa;

	private final Map<String, SimulatedNode> nodes = new ConcurrentHashMap<>();

	private final List<KubernetesClient> readerClients = new CopyOnWriteArrayList<>();

	private SimulatedCluster(Clock clock, KubernetesMockServer server, SimulatedApiDispatcher dispatcher,
			SimulatedKubelets kubelets, KubernetesClient client, IssuedCertificate clusterCa) {
		this.clock = clock;
		this.server = server;
		this.dispatcher = dispatcher;
		this.kubelets = kubelets;
		this.client = client;
		this.clusterCa = clusterCa;
	}

	/** Starts the API server and publishes a CA valid for ten years as {@code kube-root-ca.crt}. */
	public static SimulatedCluster start(Clock clock) {
		MOCK_SERVER_LOG.setLevel(Level.WARNING);
		Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
		SimulatedKubelets kubelets = new SimulatedKubelets();
		SimulatedApiDispatcher dispatcher = new SimulatedApiDispatcher(expectations, kubelets);
		KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
				dispatcher, false);
		server.init(InetAddress.getLoopbackAddress(), 0);
		KubernetesClient client = null;
		try {
			client = new KubernetesClientBuilder().withConfig(clientConfig(server.getPort())).build();
			Instant caStart = clock.instant().minus(Duration.ofDays(400));
			IssuedCertificate ca = CertificateFactory.certificateAuthority("kubernetes", caStart,
					caStart.plus(Duration.ofDays(3652)));
			SimulatedCluster cluster = new SimulatedCluster(clock, server, dispatcher, kubelets, client, ca);
			cluster.publishCaBundle(ca);
			return cluster;
		}
		catch (RuntimeException ex) {
			if (client != null) {
				client.close();
			}
			server.destroy();
			throw ex;
		}
	}

	/**
	 * The same client settings as the service's interactive path (5 s request timeout, 3 s to
	 * connect, 2 retries), and no discovery: nothing from the environment's kubeconfig leaks in.
	 */
	private static Config clientConfig(int port) {
		return new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port + "/")
			.withNamespace("default")
			.withHttp2Disable(true)
			.withOauthToken(SimulatedKubelets.SERVICE_ACCOUNT_TOKEN)
			.withRequestTimeout(5_000)
			.withConnectionTimeout(3_000)
			.withRequestRetryBackoffLimit(2)
			.build();
	}

	/** A client of the simulated API server, for seeding objects and for readers. */
	public KubernetesClient client() {
		return this.client;
	}

	/**
	 * A reader at the default client-side rate limit, with a kubelet TLS inspector and kubelet reads
	 * at their default timeouts (certificate dates checked at this cluster's clock), over a client of its own: the settings of {@link #client()} plus the throttle's
	 * Retry-After interceptor, as the service builds its clients.
	 */
	public ClusterReader reader(String clusterName) {
		return reader(clusterName, ApiThrottle.forClient(RateLimit.DEFAULT, this.client.getConfiguration()));
	}

	/** A reader whose requests go through {@code throttle}, e.g. one with a higher rate limit. */
	public ClusterReader reader(String clusterName, ApiThrottle throttle) {
		KubernetesClient readerClient = throttle
			.install(new KubernetesClientBuilder().withConfig(clientConfig(this.server.getPort())))
			.build();
		this.readerClients.add(readerClient);
		return new Fabric8ClusterReader(clusterName, readerClient, new KubeletTlsInspector(), throttle,
				KubeletApiSettings.DEFAULT, this.clock);
	}

	public Clock clock() {
		return this.clock;
	}

	public IssuedCertificate clusterCa() {
		return this.clusterCa;
	}

	/** Replaces {@code ca.crt} of kube-root-ca.crt in kube-system and default, e.g. with a rotation bundle. */
	public void publishCaBundle(IssuedCertificate... cas) {
		String bundle = Arrays.stream(cas).map(IssuedCertificate::certificatePem).collect(Collectors.joining());
		for (String namespace : List.of("kube-system", "default")) {
			ConfigMap configMap = new ConfigMapBuilder().withNewMetadata()
				.withName(ROOT_CA_CONFIG_MAP)
				.withNamespace(namespace)
				.addToAnnotations("kubernetes.io/description",
						"Contains a CA bundle that can be used to verify the kube-apiserver when using internal "
								+ "endpoints such as the internal service IP or kubernetes.default.svc. No other usage "
								+ "is guaranteed across distributions of Kubernetes clusters.")
				.endMetadata()
				.addToData("ca.crt", bundle)
				.build();
			store(configMap);
		}
	}

	/** Starts describing a node, or returns the one of that name already described. */
	public SimulatedNode node(String name) {
		return this.nodes.computeIfAbsent(name, (nodeName) -> new SimulatedNode(this, nodeName));
	}

	/** Stores a CSR; its creationTimestamp is kept, so its age is what the builder said. */
	public void addCsr(CertificateSigningRequest csr) {
		this.client.certificates().v1().certificateSigningRequests().resource(csr).create();
	}

	/**
	 * Every later API request whose path (with its query) contains a match of {@code pathRegex}
	 * answers {@code status} with a Status body; 403 is worded like RBAC's answer, and 429 carries
	 * {@code Retry-After: 1} like the API server's priority-and-fairness answer. The rule added last
	 * wins.
	 */
	public void failRequests(String pathRegex, int status) {
		this.dispatcher.failRequests(Pattern.compile(pathRegex), status);
	}

	/**
	 * Like {@link #failRequests(String, int)} for the next {@code times} matching requests only, after
	 * which they are answered normally again: a 429 that a retry gets past, a passing 503.
	 */
	public void failRequests(String pathRegex, int status, int times) {
		this.dispatcher.failRequests(Pattern.compile(pathRegex), status, times);
	}

	public void clearFailures() {
		this.dispatcher.clearFailures();
	}

	/** Decides SubjectAccessReviews; by default every review is allowed. */
	public void accessReviews(Predicate<SubjectAccessReviewSpec> allowed) {
		this.dispatcher.accessPolicy(allowed);
	}

	/** {@code "METHOD path"} of every request the API server received, in order, seeding included. */
	public List<String> requests() {
		return this.dispatcher.requests();
	}

	public void clearRequests() {
		this.dispatcher.clearRequests();
		this.kubelets.clearRequests();
	}

	/** The simulated API server's address, e.g. for a kubeconfig pointing at it. */
	public String apiServerUrl() {
		return this.client.getConfiguration().getMasterUrl();
	}

	void store(HasMetadata object) {
		this.client.resource(object).createOr(NonDeletingOperation::update);
	}

	void register(SimulatedNode node, KubeletBehaviour behaviour) {
		this.nodes.put(node.name(), node);
		this.kubelets.register(behaviour);
	}

	SimulatedKubelets kubelets() {
		return this.kubelets;
	}

	/**
	 * The subresources of {@code nodes} the service account may get, e.g. {@code nodes/metrics}; by
	 * default those of the base install (nodes/metrics, nodes/log, nodes/configz). Adding
	 * {@code nodes/proxy} is installing the opt-in node-proxy component. Kubelets, the node proxy
	 * and SelfSubjectAccessReviews answer by it.
	 */
	public void grantKubeletAccess(String... permissions) {
		this.kubelets.grants(Set.of(permissions));
	}

	/** The base install plus nodes/proxy, as with {@code app/components/node-proxy}. */
	public void grantNodeProxy() {
		Set<String> grants = new HashSet<>(SimulatedKubelets.BASE_INSTALL_GRANTS);
		grants.add("nodes/proxy");
		this.kubelets.grants(grants);
	}

	/** Every request the kubelets received on their own ports, in order. */
	public List<KubeletRequest> kubeletRequests() {
		return this.kubelets.requests();
	}

	@Override
	public void close() {
		this.nodes.values().forEach(SimulatedNode::stop);
		this.readerClients.forEach(KubernetesClient::close);
		this.client.close();
		this.server.destroy();
	}

}
