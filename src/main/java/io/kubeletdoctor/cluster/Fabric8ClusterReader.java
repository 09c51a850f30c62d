package io.kubeletdoctor.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jspecify.annotations.Nullable;

/**
 * {@link ClusterReader} over one fabric8 client. Every failure becomes a
 * {@link ClusterAccessException} naming the call; a missing object is an empty result, not an
 * error.
 */
public class Fabric8ClusterReader implements ClusterReader {

	private static final String CERTIFICATES_GROUP = "certificates.k8s.io";

	private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

	private final String clusterName;

	private final KubernetesClient client;

	private final KubeletTlsInspector inspector;

	private final NodeProxy nodeProxy;

	public Fabric8ClusterReader(String clusterName, KubernetesClient client, KubeletTlsInspector inspector) {
		this.clusterName = clusterName;
		this.client = client;
		this.inspector = inspector;
		this.nodeProxy = new NodeProxy(client);
	}

	@Override
	public String clusterName() {
		return this.clusterName;
	}

	@Override
	public Optional<Node> node(String name) {
		return find(ApiCall.get("nodes", null, null, name), () -> this.client.nodes().withName(name).get());
	}

	@Override
	public List<Node> nodes() {
		return call(ApiCall.list("nodes", null), () -> this.client.nodes().list().getItems());
	}

	@Override
	public Optional<Lease> lease(String namespace, String name) {
		return find(ApiCall.get("leases", "coordination.k8s.io", namespace, name),
				() -> this.client.leases().inNamespace(namespace).withName(name).get());
	}

	/**
	 * Asks the API server to filter by field selector; the items are checked again here because
	 * not every server honours {@code involvedObject.*} selectors (the fabric8 CRUD mock ignores
	 * them or returns nothing).
	 */
	@Override
	public List<Event> nodeEvents(String nodeName) {
		List<Event> events = call(ApiCall.list("events", null), () -> this.client.v1()
			.events()
			.inAnyNamespace()
			.withFields(Map.of("involvedObject.kind", "Node", "involvedObject.name", nodeName))
			.list()
			.getItems());
		return events.stream().filter((event) -> involves(event, nodeName)).toList();
	}

	private static boolean involves(Event event, String nodeName) {
		ObjectReference involved = event.getInvolvedObject();
		return involved != null && "Node".equals(involved.getKind()) && nodeName.equals(involved.getName());
	}

	@Override
	public List<CertificateSigningRequest> certificateSigningRequests() {
		return call(ApiCall.list("certificatesigningrequests", CERTIFICATES_GROUP),
				() -> this.client.certificates().v1().certificateSigningRequests().list().getItems());
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
	public List<ClusterRole> clusterRoles() {
		return call(ApiCall.list("clusterroles", RBAC_GROUP), () -> this.client.rbac().clusterRoles().list().getItems());
	}

	@Override
	public SubjectAccessReview review(SubjectAccessReview review) {
		ApiCall call = new ApiCall("create", "subjectaccessreviews", "authorization.k8s.io", null, null);
		return call(call, () -> this.client.authorization().v1().subjectAccessReview().create(review));
	}

	@Override
	public ProxyResponse nodeProxy(String nodeName, String path) {
		return this.nodeProxy.get(nodeName, path);
	}

	@Override
	public KubeletHandshake handshake(String host, int port) {
		return this.inspector.inspect(host, port);
	}

	private static <T> T call(ApiCall call, Supplier<T> read) {
		try {
			return read.get();
		}
		catch (KubernetesClientException ex) {
			throw ClusterAccessErrors.from(call, ex);
		}
	}

	private static <T> Optional<T> find(ApiCall call, Supplier<@Nullable T> read) {
		try {
			return Optional.ofNullable(read.get());
		}
		catch (KubernetesClientException ex) {
			if (ex.getCode() == 404) {
				return Optional.empty();
			}
			throw ClusterAccessErrors.from(call, ex);
		}
	}

}
