package io.kubeletdoctor.step;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.diagnosis.RbacFacts;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.RbacStepFacts;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RbacStepTests {

	private static final String SELF_NODE_CLIENT_ROLE = "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient";

	private final StepFixture fixture = new StepFixture();

	private final RbacStep step = new RbacStep();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void asksAsTheNodeWouldBeAskedAndReportsMissingKubeadmBindingsAsInformation() {
		List<SubjectAccessReviewSpec> asked = new CopyOnWriteArrayList<>();
		this.fixture.cluster.accessReviews((spec) -> asked.add(spec));
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		RbacFacts facts = context.evidence().get(RbacFacts.class).orElseThrow();
		assertThat(facts.createCsrAllowed()).isTrue();
		assertThat(facts.selfNodeClientAllowed()).isTrue();
		assertThat(facts.nodeClientAllowed()).isTrue();
		assertThat(facts.evaluatedStatically()).isFalse();
		assertThat(facts.bootstrapBindingsMissing()).containsExactlyElementsOf(RbacStep.KUBEADM_BINDINGS);
		assertThat(result.summary()).contains("(expected only on kubeadm clusters)");
		assertThat(asked).hasSize(3).allSatisfy((spec) -> {
			assertThat(spec.getUser()).isEqualTo("system:node:n1");
			assertThat(spec.getGroups()).containsExactly("system:nodes", "system:authenticated");
			assertThat(spec.getResourceAttributes().getVerb()).isEqualTo("create");
			assertThat(spec.getResourceAttributes().getGroup()).isEqualTo("certificates.k8s.io");
			assertThat(spec.getResourceAttributes().getResource()).isEqualTo("certificatesigningrequests");
		});
		assertThat(asked).extracting((spec) -> spec.getResourceAttributes().getSubresource())
			.containsExactly(null, "selfnodeclient", "nodeclient");
	}

	@Test
	void renewalsThatWillNeverBeAutoApprovedAreCritical() {
		this.fixture.cluster.accessReviews((spec) -> spec.getResourceAttributes().getSubresource() == null);
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		RbacFacts facts = context.evidence().get(RbacFacts.class).orElseThrow();
		assertThat(facts.createCsrAllowed()).isTrue();
		assertThat(facts.selfNodeClientAllowed()).isFalse();
		assertThat(facts.nodeClientAllowed()).isFalse();
		assertThat(result.summary()).contains("will not be auto-approved");
	}

	@Test
	void nodeThatMayNotCreateCsrsIsCritical() {
		this.fixture.cluster.accessReviews((spec) -> false);

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(result.summary()).startsWith("system:node:n1 may not create CSRs");
	}

	@Test
	void evaluatesBindingsWhenSubjectAccessReviewsAreForbidden() {
		storeKubeadmRotationBinding();
		this.fixture.cluster.failRequests("subjectaccessreviews", 403);
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		RbacFacts facts = context.evidence().get(RbacFacts.class).orElseThrow();
		assertThat(facts.evaluatedStatically()).isTrue();
		assertThat(facts.selfNodeClientAllowed()).isTrue();
		assertThat(facts.nodeClientAllowed()).isFalse();
		// plain CSR create comes from the Node authorizer, which bindings do not show
		assertThat(facts.createCsrAllowed()).isNull();
		assertThat(facts.bootstrapBindingsPresent()).containsExactly("kubeadm:node-autoapprove-certificate-rotation");
		assertThat(result.summary()).contains("(from ClusterRoleBindings)");
	}

	@Test
	void staticEvaluationWithoutAnyApprovalBindingIsCritical() {
		this.fixture.cluster.failRequests("subjectaccessreviews", 403);

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(StepFixture.facts(result, RbacStepFacts.class).evaluatedStatically()).isTrue();
	}

	@Test
	void neitherReviewsNorBindingsReadableIsUnavailableWithAKubectlCheck() {
		this.fixture.cluster.failRequests("subjectaccessreviews", 403);
		this.fixture.cluster.failRequests("clusterrolebindings", 403);

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.UNAVAILABLE);
		assertThat(result.manualCommand()).startsWith("kubectl auth can-i create certificatesigningrequests")
			.contains("--subresource=selfnodeclient")
			.contains("--as=system:node:n1");
	}

	@Test
	void otherReviewFailuresSurfaceAsClusterAccessException() {
		this.fixture.cluster.failRequests("subjectaccessreviews", 500);

		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> this.step.run(this.fixture.context("n1")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(500));
	}

	@Test
	void nodesOfOneDrainShareTheKubeadmBindingReadsWhichAreByName() {
		this.fixture.cluster.clearRequests();

		this.step.run(this.fixture.context("n1"));
		this.step.run(this.fixture.context("n2"));

		assertThat(this.fixture.cluster.requests()).filteredOn((r) -> r.contains("clusterrolebindings"))
			.containsExactlyInAnyOrder(
					"GET /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:kubelet-bootstrap",
					"GET /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:node-autoapprove-bootstrap",
					"GET /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/"
							+ "kubeadm:node-autoapprove-certificate-rotation");
		assertThat(this.fixture.cluster.requests()).filteredOn((r) -> r.contains("subjectaccessreviews")).hasSize(6);
	}

	/** In a storm, nodes share the three answers, since no binding tells one node's user from another's. */
	@Test
	void aStormAsksTheThreeQuestionsOnceForItsLaterNodes() {
		storeKubeadmRotationBinding();
		this.fixture.cluster.clearRequests();

		List<StepResult> results = storm(10);

		assertThat(results).allSatisfy((result) -> assertThat(result.status()).isEqualTo(StepStatus.OK));
		// the first two nodes ask for themselves, the third asks once for every later node
		assertThat(this.fixture.cluster.requests()).filteredOn((r) -> r.contains("subjectaccessreviews")).hasSize(9);
	}

	@Test
	void aStormAsksForEveryNodeWhenABindingNamesANodesUser() {
		storeKubeadmRotationBinding();
		this.fixture.cluster.client()
			.resource(new ClusterRoleBindingBuilder().withNewMetadata()
				.withName("one-node-only")
				.endMetadata()
				.withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", SELF_NODE_CLIENT_ROLE)
				.addNewSubject()
				.withKind("User")
				.withName("system:node:n7")
				.withApiGroup("rbac.authorization.k8s.io")
				.endSubject()
				.build())
			.create();
		this.fixture.cluster.clearRequests();

		storm(10);

		assertThat(this.fixture.cluster.requests()).filteredOn((r) -> r.contains("subjectaccessreviews")).hasSize(30);
	}

	private List<StepResult> storm(int nodes) {
		List<StepResult> results = new java.util.ArrayList<>();
		for (int i = 1; i <= nodes; i++) {
			this.fixture.shared.nodeStarted();
			results.add(this.step.run(this.fixture.context("n" + i)));
		}
		return results;
	}

	@Test
	void withListButNotGetOnBindingsTheKubeadmCheckListsThem() {
		storeKubeadmRotationBinding();
		this.fixture.cluster.failRequests("/clusterrolebindings/", 403);
		this.fixture.cluster.clearRequests();

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(StepFixture.facts(result, RbacStepFacts.class).kubeadmBindingsPresent()).isEqualTo(
				List.of("kubeadm:node-autoapprove-certificate-rotation"));
		assertThat(this.fixture.cluster.requests())
			.contains("GET /apis/rbac.authorization.k8s.io/v1/clusterrolebindings");
	}

	private void storeKubeadmRotationBinding() {
		this.fixture.cluster.client()
			.resource(new ClusterRoleBuilder().withNewMetadata()
				.withName(SELF_NODE_CLIENT_ROLE)
				.endMetadata()
				.addNewRule()
				.withApiGroups("certificates.k8s.io")
				.withResources("certificatesigningrequests/selfnodeclient")
				.withVerbs("create")
				.endRule()
				.build())
			.create();
		this.fixture.cluster.client()
			.resource(new ClusterRoleBindingBuilder().withNewMetadata()
				.withName("kubeadm:node-autoapprove-certificate-rotation")
				.endMetadata()
				.withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", SELF_NODE_CLIENT_ROLE)
				.addNewSubject()
				.withKind("Group")
				.withName("system:nodes")
				.withApiGroup("rbac.authorization.k8s.io")
				.endSubject()
				.build())
			.create();
	}

}
