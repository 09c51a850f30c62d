package io.kubeletdoctor.demo;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;

/**
 * The cluster-scoped objects of a kubeadm control plane that kubelet certificates depend on: the CSR
 * ClusterRoles, kubeadm's three bootstrap bindings, and the controller-manager's leader Lease. The
 * demo seeds a healthy one; tests remove bindings or age the Lease.
 */
public final class SimulatedControlPlane {

	public static final String CSR_ROLE = "system:certificates.k8s.io:certificatesigningrequests:";

	public static final String BOOTSTRAP_BINDING = "kubeadm:kubelet-bootstrap";

	public static final String AUTOAPPROVE_BOOTSTRAP_BINDING = "kubeadm:node-autoapprove-bootstrap";

	public static final String ROTATION_BINDING = "kubeadm:node-autoapprove-certificate-rotation";

	private static final String BOOTSTRAPPERS = "system:bootstrappers:kubeadm:default-node-token";

	private SimulatedControlPlane() {
	}

	/** A healthy kubeadm control plane: every binding, a controller-manager renewing its Lease. */
	public static void kubeadm(SimulatedCluster cluster) {
		kubeadmWithout(cluster, List.of());
	}

	/** A kubeadm control plane from which someone deleted {@code missingBindings}. */
	public static void kubeadmWithout(SimulatedCluster cluster, List<String> missingBindings) {
		controllerManager(cluster, Duration.ofSeconds(2));
		clusterRole(cluster, "system:node-bootstrapper", "certificatesigningrequests", "create", "get", "list",
				"watch");
		clusterRole(cluster, CSR_ROLE + "nodeclient", "certificatesigningrequests/nodeclient", "create");
		clusterRole(cluster, CSR_ROLE + "selfnodeclient", "certificatesigningrequests/selfnodeclient", "create");
		binding(cluster, missingBindings, BOOTSTRAP_BINDING, "system:node-bootstrapper", BOOTSTRAPPERS);
		binding(cluster, missingBindings, AUTOAPPROVE_BOOTSTRAP_BINDING, CSR_ROLE + "nodeclient", BOOTSTRAPPERS);
		binding(cluster, missingBindings, ROTATION_BINDING, CSR_ROLE + "selfnodeclient", "system:nodes");
	}

	/** The kube-controller-manager leader Lease, last renewed {@code sinceRenewal} ago. */
	public static void controllerManager(SimulatedCluster cluster, Duration sinceRenewal) {
		cluster.store(new LeaseBuilder().withNewMetadata()
			.withName("kube-controller-manager")
			.withNamespace("kube-system")
			.endMetadata()
			.withNewSpec()
			.withHolderIdentity("control-plane-1_0b6e4f2c-81d3-4a7e-9c15-3f2d7a9e6b40")
			.withLeaseDurationSeconds(15)
			.withRenewTime(cluster.clock().instant().minus(sinceRenewal).atZone(ZoneOffset.UTC))
			.endSpec()
			.build());
	}

	/**
	 * A SubjectAccessReview policy that denies creating CSRs with the given subresources ("" for the
	 * CSR itself) and allows everything else.
	 */
	public static Predicate<SubjectAccessReviewSpec> denyingCsr(String... subresources) {
		List<String> denied = List.of(subresources);
		return (spec) -> {
			ResourceAttributes attributes = spec.getResourceAttributes();
			if (attributes == null || !"certificatesigningrequests".equals(attributes.getResource())) {
				return true;
			}
			String subresource = (attributes.getSubresource() != null) ? attributes.getSubresource() : "";
			return !denied.contains(subresource);
		};
	}

	private static void clusterRole(SimulatedCluster cluster, String name, String resource, String... verbs) {
		cluster.store(new ClusterRoleBuilder().withNewMetadata()
			.withName(name)
			.endMetadata()
			.addNewRule()
			.withApiGroups("certificates.k8s.io")
			.withResources(resource)
			.withVerbs(verbs)
			.endRule()
			.build());
	}

	private static void binding(SimulatedCluster cluster, List<String> missing, String name, String role,
			String group) {
		if (missing.contains(name)) {
			return;
		}
		cluster.store(new ClusterRoleBindingBuilder().withNewMetadata()
			.withName(name)
			.endMetadata()
			.withNewRoleRef()
			.withApiGroup("rbac.authorization.k8s.io")
			.withKind("ClusterRole")
			.withName(role)
			.endRoleRef()
			.addNewSubject()
			.withApiGroup("rbac.authorization.k8s.io")
			.withKind("Group")
			.withName(group)
			.endSubject()
			.build());
	}

}
