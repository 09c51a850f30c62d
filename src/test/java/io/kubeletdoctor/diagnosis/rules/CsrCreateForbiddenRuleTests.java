package io.kubeletdoctor.diagnosis.rules;

import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The forbidden log line is the API server's own answer (MEDIUM); a denying SubjectAccessReview
 * agrees (HIGH). A 401 alone is not this rule's: the credentials were rejected, not a permission.
 */
class CsrCreateForbiddenRuleTests {

	static final String RBAC_FORBIDDEN = "E0801 certificate_manager.go:562] \"Failed while requesting a signed"
			+ " certificate from the control plane\" err=\"cannot create certificate signing request:"
			+ " certificatesigningrequests.certificates.k8s.io is forbidden: User \\\"system:node:worker-1\\\" cannot"
			+ " create resource \\\"certificatesigningrequests\\\" in API group \\\"certificates.k8s.io\\\" at the"
			+ " cluster scope\"";

	static final String ANONYMOUS_FORBIDDEN = "E0801 certificate_manager.go:562]"
			+ " kubernetes.io/kube-apiserver-client-kubelet: Failed while requesting a signed certificate from the control plane: cannot create certificate signing"
			+ " request: certificatesigningrequests.certificates.k8s.io is forbidden: User \"system:anonymous\" cannot"
			+ " create resource \"certificatesigningrequests\" in API group \"certificates.k8s.io\" at the cluster scope";

	static final String NODE_RESTRICTION = "E0801 certificate_manager.go:562] kubernetes.io/kubelet-serving: Failed"
			+ " while requesting a signed certificate from the control plane: cannot create certificate signing request:"
			+ " certificatesigningrequests.certificates.k8s.io \"csr-\" is forbidden: can only create a node CSR with"
			+ " CN=system:node:worker-old";

	static final String UNAUTHORIZED = "E0801 certificate_manager.go:562] kubernetes.io/kube-apiserver-client-kubelet:"
			+ " Failed while requesting a signed certificate from the control plane: cannot create certificate signing"
			+ " request: Unauthorized";

	private final CsrCreateForbiddenRule rule = new CsrCreateForbiddenRule();

	static Stream<Arguments> cases() {
		return Stream.of(
				arguments("healthy node", healthyNode(), null),
				arguments("RBAC forbids the node identity in the log, SAR undecided", healthyNode()
					.log(LogSignal.CSR_CREATE_FORBIDDEN, RBAC_FORBIDDEN)
					.rbac(null, true, null), Confidence.MEDIUM),
				arguments("log and SubjectAccessReview agree", healthyNode()
					.log(LogSignal.CSR_CREATE_FORBIDDEN, RBAC_FORBIDDEN)
					.rbac(false, true, null), Confidence.HIGH),
				arguments("SubjectAccessReview denies, nothing logged", healthyNode().rbac(false, true, null),
						Confidence.MEDIUM),
				arguments("denied only by reading the bindings", healthyNode().rbac(false, true, null)
					.rbacEvaluatedStatically(), Confidence.LOW),
				arguments("log, and the bindings read statically agree", healthyNode()
					.log(LogSignal.CSR_CREATE_FORBIDDEN, RBAC_FORBIDDEN)
					.rbac(false, true, null)
					.rbacEvaluatedStatically(), Confidence.MEDIUM),
				arguments("RBAC denial logged, but a SubjectAccessReview allows now", healthyNode()
					.log(LogSignal.CSR_CREATE_FORBIDDEN, RBAC_FORBIDDEN), Confidence.LOW),
				arguments("RBAC denial logged, bindings read statically allow now", healthyNode()
					.log(LogSignal.CSR_CREATE_FORBIDDEN, RBAC_FORBIDDEN)
					.rbacEvaluatedStatically(), Confidence.MEDIUM),
				arguments("NodeRestriction refuses another node's CN", healthyNode()
					.log(LogSignal.CSR_CREATE_FORBIDDEN, NODE_RESTRICTION), Confidence.HIGH),
				arguments("forbidden as system:anonymous", healthyNode().clientTtl(Double.POSITIVE_INFINITY)
					.log(LogSignal.CSR_CREATE_FORBIDDEN, ANONYMOUS_FORBIDDEN), Confidence.HIGH),
				arguments("401 alone: credentials rejected, not a permission", healthyNode().clientTtl(null)
					.log(LogSignal.CSR_CREATE_UNAUTHORIZED, UNAUTHORIZED), null),
				arguments("SubjectAccessReview allows, nothing logged", healthyNode().rbac(true, true, true), null),
				arguments("forbidden line, logs then unreadable", healthyNode().unavailable(Steps.KUBELET_LOGS)
					.log(LogSignal.CSR_CREATE_FORBIDDEN, RBAC_FORBIDDEN), null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesAKubeletForbiddenToCreateCsrs(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.CSR_CREATE_FORBIDDEN, expected);
	}

	@Test
	void tellsHowToLetNodesCreateCsrs() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().log(LogSignal.CSR_CREATE_FORBIDDEN,
				RBAC_FORBIDDEN).rbac(false, true, null));
		assertThat(finding.summary()).contains("can renew neither its client nor its serving certificate")
			.contains("system:node:worker-1 create certificatesigningrequests");
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("is forbidden: User"))
			.contains("SubjectAccessReview: system:node:worker-1 may not create certificatesigningrequests");
		assertThat(RuleOutcome.commands(finding)).contains("--authorization-mode")
			.contains("--clusterrole=system:node-bootstrapper --group=system:nodes")
			.contains("kubectl auth can-i create certificatesigningrequests --as=system:node:worker-1"
					+ " --as-group=system:nodes");
	}

	@Test
	void namesTheIdentityNodeRestrictionHeldTheKubeletTo() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().log(LogSignal.CSR_CREATE_FORBIDDEN,
				NODE_RESTRICTION));
		assertThat(finding.summary()).contains("NodeRestriction").contains("system:node:worker-old")
			.doesNotContain("no authorizer");
		assertThat(RuleOutcome.commands(finding)).contains("hostname").doesNotContain("clusterrolebinding");
	}

	@Test
	void anAnonymousKubeletNeedsCredentialsNotPermissions() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().log(LogSignal.CSR_CREATE_FORBIDDEN,
				ANONYMOUS_FORBIDDEN));
		assertThat(finding.summary()).contains("system:anonymous")
			.contains("no valid client certificate")
			.contains("must never be granted to system:anonymous")
			.doesNotContain("no authorizer");
		assertThat(RuleOutcome.commands(finding)).contains("kubelet-client-current.pem")
			.doesNotContain("clusterrolebinding")
			.doesNotContain("--authorization-mode");
	}

}
