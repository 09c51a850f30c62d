package io.kubeletdoctor.scenario;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.kubeletdoctor.demo.SimulatedCluster;

/**
 * The cluster-scoped objects of a kubeadm control plane that kubelet certificates depend on: the CSR
 * ClusterRoles, kubeadm's three bootstrap bindings, and the controller-manager's leader Lease.
 */
final class ControlPlane {

	static final String CSR_ROLE = "system:certificates.k8s.io:certificatesigningrequests:";

	static final String BOOTSTRAP_BINDING = "kubeadm:kubelet-bootstrap";

	static final String AUTOAPPROVE_BOOTSTRAP_BINDING = "kubeadm:node-autoapprove-bootstrap";

	static final String ROTATION_BINDING = "kubeadm:node-autoapprove-certificate-rotation";

	private static final String BOOTSTRAPPERS = "system:bootstrappers:kubeadm:default-node-token";

	private ControlPlane() {
	}

	/** A healthy kubeadm control plane: every binding, a controller-manager renewing its Lease. */
	static void kubeadm(SimulatedCluster cluster) {
		kubeadmWithout(cluster, List.of());
	}

	/** A kubeadm control plane from which someone deleted {@code missingBindings}. */
	static void kubeadmWithout(SimulatedCluster cluster, List<String> missingBindings) {
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
	static void controllerManager(SimulatedCluster cluster, Duration sinceRenewal) {
		store(cluster, new LeaseBuilder().withNewMetadata()
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
	static Predicate<SubjectAccessReviewSpec> denyingCsr(String... subresources) {
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

	static void store(SimulatedCluster cluster, HasMetadata object) {
		cluster.client().resource(object).createOr(NonDeletingOperation::update);
	}

	private static void clusterRole(SimulatedCluster cluster, String name, String resource, String... verbs) {
		store(cluster, new ClusterRoleBuilder().withNewMetadata()
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
		store(cluster, new ClusterRoleBindingBuilder().withNewMetadata()
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
