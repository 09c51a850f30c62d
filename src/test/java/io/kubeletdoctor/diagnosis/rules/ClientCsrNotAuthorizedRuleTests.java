package io.kubeletdoctor.diagnosis.rules;

import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.clientCsr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.hours;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.minutes;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.requestedBy;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.servingCsr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Stuck renewals plus a denying SubjectAccessReview give HIGH; a denial read from the bindings only
 * (SARs forbidden, or just the kubeadm binding gone) gives MEDIUM; RBAC unknown gives LOW, and
 * nothing at all when the controller-manager does not lead, since the approver rule then speaks.
 */
class ClientCsrNotAuthorizedRuleTests {

	static final String ROTATION_BINDING = "kubeadm:node-autoapprove-certificate-rotation";

	private final ClientCsrNotAuthorizedRule rule = new ClientCsrNotAuthorizedRule();

	static EvidenceBuilder renewalsPending() {
		return healthyNode().csr(clientCsr("csr-k1", CsrCondition.PENDING, minutes(45)))
			.csr(clientCsr("csr-k2", CsrCondition.PENDING, minutes(30)))
			.csr(clientCsr("csr-k3", CsrCondition.PENDING, minutes(15)));
	}

	static Stream<Arguments> cases() {
		return Stream.of(
				arguments("healthy node", healthyNode(), null),
				arguments("renewals pending, SAR denies, kubeadm binding missing", renewalsPending()
					.rbac(true, false, false)
					.kubeadmBindingsWithout(ROTATION_BINDING), Confidence.HIGH),
				arguments("renewals pending, SAR denies selfnodeclient, nodeclient undecided", renewalsPending()
					.rbac(true, false, null), Confidence.HIGH),
				arguments("SARs forbidden to the service, bindings say denied", renewalsPending()
					.rbac(true, false, false)
					.kubeadmBindingsWithout(ROTATION_BINDING)
					.rbacEvaluatedStatically(), Confidence.MEDIUM),
				arguments("SAR undecided, only the kubeadm binding missing", renewalsPending()
					.rbac(true, null, null)
					.kubeadmBindingsWithout(ROTATION_BINDING), Confidence.MEDIUM),
				arguments("SAR undecided, rotation binding absent on a cluster kubeadm did not set up",
						renewalsPending().rbac(true, null, null)
							.kubeadmBindingsWithout(EvidenceBuilder.KUBEADM_BINDINGS.toArray(String[]::new)),
						Confidence.LOW),
				arguments("RBAC unreadable, controller-manager leads", renewalsPending().unavailable(Steps.RBAC),
						Confidence.LOW),
				arguments("RBAC unreadable, controller-manager Lease stale", renewalsPending().unavailable(Steps.RBAC)
					.controllerManagerLeaseAge(hours(1)), null),
				arguments("RBAC unreadable, no controller-manager Lease", renewalsPending().unavailable(Steps.RBAC)
					.noControllerManagerLease(), null),
				arguments("SAR allows selfnodeclient", renewalsPending().rbac(true, true, null), null),
				arguments("selfnodeclient denied but nodeclient allowed", renewalsPending().rbac(true, false, true), null),
				arguments("kubeadm binding missing, another binding grants selfnodeclient", renewalsPending()
					.rbac(true, true, false)
					.kubeadmBindingsWithout(ROTATION_BINDING), null),
				arguments("pending for two minutes only", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.PENDING, minutes(2)))
					.rbac(true, false, false), null),
				arguments("pending leftover, a later client CSR was issued", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.PENDING, hours(5)))
					.csr(clientCsr("csr-k2", CsrCondition.ISSUED, hours(1)))
					.rbac(true, false, false), null),
				arguments("pending CSR filed by a bootstrap token", healthyNode()
					.csr(requestedBy(clientCsr("csr-b1", CsrCondition.PENDING, minutes(40)), "system:bootstrap:abcdef"))
					.rbac(true, false, false), null),
				arguments("pending serving CSR only", healthyNode()
					.csr(servingCsr("csr-s1", CsrCondition.PENDING, minutes(40)))
					.rbac(true, false, false), null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesRenewalsTheApproverMayNotApprove(String situation, EvidenceBuilder evidence,
			@Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED, expected);
	}

	@Test
	void namesTheMissingBindingAndApprovesTheNewestRenewal() {
		Finding finding = RuleOutcome.finding(this.rule, renewalsPending().rbac(true, false, false)
			.kubeadmBindingsWithout(ROTATION_BINDING)
			.clientTtl((double) hours(30).getSeconds())
			.log(LogSignal.CSR_NOT_SIGNED_TIMEOUT, "E0801 certificate_manager.go:562]"
					+ " kubernetes.io/kube-apiserver-client-kubelet:"
					+ " certificate request was not signed: timed out waiting for the condition"));
		assertThat(finding.summary()).contains("3 client certificate CSR(s) of worker-1 are Pending, the oldest for"
				+ " 45 minutes, one new every 15 minutes")
			.contains("the kubeadm binding kubeadm:node-autoapprove-certificate-rotation is missing")
			.contains("client certificate expires in 30 hours");
		assertThat(finding.evidence())
			.anyMatch((line) -> line.startsWith("SubjectAccessReview") && line.contains("may not create"
					+ " certificatesigningrequests/selfnodeclient nor nodeclient"))
			.anyMatch((line) -> line.contains("kubeadm:kubelet-bootstrap, kubeadm:node-autoapprove-bootstrap"))
			.anyMatch((line) -> line.contains("timed out waiting for the condition"));
		assertThat(RuleOutcome.commands(finding))
			.contains("kubectl create clusterrolebinding kubeadm:node-autoapprove-certificate-rotation"
					+ " --clusterrole=system:certificates.k8s.io:certificatesigningrequests:selfnodeclient"
					+ " --group=system:nodes")
			.contains("kubectl get csr csr-k3 -o jsonpath='{.spec.username}{\"\\n\"}'")
			.contains("kubectl certificate approve csr-k3")
			.doesNotContain("approve csr-k1");
	}

	@Test
	void saysWhenRbacWasOnlyReadFromTheBindings() {
		Finding finding = RuleOutcome.finding(this.rule, renewalsPending().rbac(true, false, false)
			.rbacEvaluatedStatically());
		assertThat(finding.summary()).contains("read from the bindings, not confirmed by a SubjectAccessReview");
		assertThat(finding.evidence()).anyMatch((line) -> line.startsWith("Static evaluation of the RBAC bindings"));
		assertThat(finding.refutedBy()).contains("CSR_APPROVER_NOT_RUNNING").contains("webhook");
	}

	@Test
	void claimsNoLeaderWhenTheControllerManagerLeaseIsStale() {
		Finding finding = RuleOutcome.finding(this.rule, renewalsPending().rbac(true, false, false)
			.controllerManagerLeaseAge(hours(2)));
		assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(finding.evidence()).noneMatch((line) -> line.contains("controller-manager leads"));
	}

	@Test
	void guessesTheUsualCauseWhenRbacCouldNotBeRead() {
		Finding finding = RuleOutcome.finding(this.rule, renewalsPending().unavailable(Steps.RBAC));
		assertThat(finding.summary()).contains("RBAC could not be checked; since a controller-manager leads");
		assertThat(finding.refutedBy()).doesNotContain("webhook");
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("rbac could not be checked"))
			.anyMatch((line) -> line.contains("a controller-manager leads"));
	}

}
