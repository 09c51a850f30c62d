package io.kubeletdoctor.cluster;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import org.jspecify.annotations.Nullable;

/**
 * The only way the service reads a cluster: typed, read-only calls (a SubjectAccessReview is a
 * question, not a change), each under the cluster's client-side rate limit. Every failure surfaces
 * as a {@link ClusterAccessException} that says which call failed and why, so a step can report
 * what it could not check.
 */
public interface ClusterReader {

	/** The configured name of the cluster ({@code default} when only one is configured). */
	String clusterName();

	Optional<Node> node(String name);

	/** A cluster-wide LIST: only for sweeps and for matching an {@code instance} address. */
	List<Node> nodes();

	Optional<Lease> lease(String namespace, String name);

	/** Every Lease of a namespace, e.g. all node heartbeats in {@code kube-node-lease}: one LIST for a sweep. */
	List<Lease> leases(String namespace);

	/** Events whose involved object is the node. */
	List<Event> nodeEvents(String nodeName);

	/** Events whose involved object is any node: one LIST a storm's nodes share instead of one each. */
	List<Event> nodeEvents();

	List<CertificateSigningRequest> certificateSigningRequests();

	Optional<ConfigMap> configMap(String namespace, String name);

	List<ClusterRoleBinding> clusterRoleBindings();

	Optional<ClusterRoleBinding> clusterRoleBinding(String name);

	List<ClusterRole> clusterRoles();

	SubjectAccessReview review(SubjectAccessReview review);

	/**
	 * GET from the kubelet of {@code nodeName}, e.g. {@code configz}, {@code metrics},
	 * {@code logs/?query=kubelet}: straight to {@code endpoint} (taken from the Node object, never
	 * from an alert) with the service-account token once its serving certificate verified against
	 * the kubelet CA; through the API server's node proxy only where nodes/proxy is granted. The
	 * answer says which way it went and why. Not counted against the API rate limit when direct.
	 * @param endpoint the Node's kubelet endpoint, or null when the Node gives none
	 * @throws KubeletAccessRefusedException when the service chose not to send the token and the
	 * node proxy is not granted
	 * @throws ClusterAccessException when the kubelet gave no answer
	 */
	KubeletResponse kubelet(String nodeName, @Nullable KubeletEndpoint endpoint, String path);

	/** A TLS handshake with a kubelet port taken from a Node object, never from an alert. */
	KubeletHandshake handshake(String host, int port);

}
