package io.kubeletdoctor.step;

import java.util.List;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaticRbacTests {

	private static final String SELF = "certificatesigningrequests/selfnodeclient";

	private static final List<String> NODE_GROUPS = List.of("system:nodes", "system:authenticated");

	private static final ClusterRole SELF_NODE_CLIENT = role("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
			List.of("certificates.k8s.io"), List.of(SELF), List.of("create"));

	@Test
	void kubeadmRotationBindingGrantsSelfNodeClientToNodes() {
		StaticRbac rbac = new StaticRbac(List.of(binding("kubeadm:node-autoapprove-certificate-rotation",
				SELF_NODE_CLIENT.getMetadata().getName(), "Group", "system:nodes")), List.of(SELF_NODE_CLIENT));

		assertThat(rbac.allows("system:node:n1", NODE_GROUPS, "create", "certificates.k8s.io", SELF)).isTrue();
		assertThat(rbac.allows("system:node:n1", NODE_GROUPS, "create", "certificates.k8s.io",
				"certificatesigningrequests/nodeclient")).isFalse();
	}

	@Test
	void withoutABindingNothingIsGranted() {
		StaticRbac rbac = new StaticRbac(List.of(binding("other", SELF_NODE_CLIENT.getMetadata().getName(), "Group",
				"system:bootstrappers:kubeadm:default-node-token")), List.of(SELF_NODE_CLIENT));

		assertThat(rbac.allows("system:node:n1", NODE_GROUPS, "create", "certificates.k8s.io", SELF)).isFalse();
	}

	@Test
	void wildcardsAndUserSubjectsCount() {
		ClusterRole wildcard = role("csr-everything", List.of("*"), List.of("certificatesigningrequests/*"), List.of("*"));
		StaticRbac rbac = new StaticRbac(List.of(binding("n1-only", "csr-everything", "User", "system:node:n1")),
				List.of(wildcard));

		assertThat(rbac.allows("system:node:n1", NODE_GROUPS, "create", "certificates.k8s.io", SELF)).isTrue();
		assertThat(rbac.allows("system:node:n2", NODE_GROUPS, "create", "certificates.k8s.io", SELF)).isFalse();
	}

	@Test
	void rulesLimitedToResourceNamesNeverGrantCreate() {
		ClusterRole named = new ClusterRoleBuilder().withNewMetadata()
			.withName("named")
			.endMetadata()
			.addNewRule()
			.withApiGroups("certificates.k8s.io")
			.withResources(SELF)
			.withVerbs("create")
			.withResourceNames("csr-1")
			.endRule()
			.build();
		StaticRbac rbac = new StaticRbac(List.of(binding("b", "named", "Group", "system:nodes")), List.of(named));

		assertThat(rbac.allows("system:node:n1", NODE_GROUPS, "create", "certificates.k8s.io", SELF)).isFalse();
	}

	private static ClusterRole role(String name, List<String> groups, List<String> resources, List<String> verbs) {
		return new ClusterRoleBuilder().withNewMetadata()
			.withName(name)
			.endMetadata()
			.addNewRule()
			.withApiGroups(groups)
			.withResources(resources)
			.withVerbs(verbs)
			.endRule()
			.build();
	}

	private static ClusterRoleBinding binding(String name, String role, String kind, String subject) {
		return new ClusterRoleBindingBuilder().withNewMetadata()
			.withName(name)
			.endMetadata()
			.withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
			.addNewSubject()
			.withKind(kind)
			.withName(subject)
			.withApiGroup("rbac.authorization.k8s.io")
			.endSubject()
			.build();
	}

}
