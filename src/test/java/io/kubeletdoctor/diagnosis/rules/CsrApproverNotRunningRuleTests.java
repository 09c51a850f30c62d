package io.kubeletdoctor.diagnosis.rules;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.kubeletdoctor.diagnosis.rules.ClientCsrNotAuthorizedRuleTests.renewalsPending;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.clientCsr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.hours;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Stuck renewals that a SubjectAccessReview says qualify point at the approver (MEDIUM); a stale or
 * missing controller-manager Lease agrees (HIGH). A permission read statically is an inference.
 */
class CsrApproverNotRunningRuleTests {

	private final CsrApproverNotRunningRule rule = new CsrApproverNotRunningRule();

	static Stream<Arguments> cases() {
		return Stream.of(
				arguments("healthy node", healthyNode(), null),
				arguments("renewals pending, SAR allows, controller-manager leads", renewalsPending(), Confidence.MEDIUM),
				arguments("renewals pending, SAR allows, Lease stale", renewalsPending().controllerManagerLeaseAge(
						minutes(10)), Confidence.HIGH),
				arguments("renewals pending, SAR allows, no Lease", renewalsPending().noControllerManagerLease(),
						Confidence.HIGH),
				arguments("allowed only by reading the bindings, controller-manager leads", renewalsPending()
					.rbacEvaluatedStatically(), Confidence.LOW),
				arguments("allowed by reading the bindings, Lease stale", renewalsPending().rbacEvaluatedStatically()
					.controllerManagerLeaseAge(hours(2)), Confidence.MEDIUM),
				arguments("RBAC unreadable, Lease stale", renewalsPending().unavailable(Steps.RBAC)
					.controllerManagerLeaseAge(hours(2)), Confidence.MEDIUM),
				arguments("RBAC undecided, Lease stale", renewalsPending().rbac(true, null, null)
					.controllerManagerLeaseAge(hours(2)), Confidence.MEDIUM),
				arguments("RBAC denies too, Lease stale", renewalsPending().rbac(true, false, false)
					.controllerManagerLeaseAge(hours(2)), Confidence.MEDIUM),
				arguments("RBAC denies, controller-manager leads", renewalsPending().rbac(true, false, false), null),
				arguments("RBAC and the Lease both unreadable", renewalsPending().unavailable(Steps.RBAC)
					.unavailable(Steps.CERTIFICATE_AUTHORITY), null),
				arguments("pending for two minutes only, Lease stale", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.PENDING, minutes(2)))
					.controllerManagerLeaseAge(hours(2)), null),
				arguments("Lease stale, nothing pending", healthyNode().controllerManagerLeaseAge(hours(2)), null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesAnApproverThatDoesNotApprove(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.CSR_APPROVER_NOT_RUNNING, expected);
	}

	static Stream<Arguments> rbacAndLease() {
		List<UnaryOperator<EvidenceBuilder>> rbac = List.of((e) -> e, (e) -> e.rbac(true, false, false),
				(e) -> e.rbac(true, null, null), (e) -> e.rbac(true, false, false).rbacEvaluatedStatically(),
				(e) -> e.unavailable(Steps.RBAC));
		List<UnaryOperator<EvidenceBuilder>> lease = List.of((e) -> e, (e) -> e.controllerManagerLeaseAge(hours(1)),
				EvidenceBuilder::noControllerManagerLease, (e) -> e.unavailable(Steps.CERTIFICATE_AUTHORITY));
		return rbac.stream()
			.flatMap((r) -> lease.stream().map((l) -> arguments(l.apply(r.apply(renewalsPending())))));
	}

	@ParameterizedTest
	@MethodSource("rbacAndLease")
	void everyStuckRenewalIsExplainedByThisRuleOrTheNotAuthorizedOne(EvidenceBuilder builder) {
		Evidence evidence = builder.build();
		List<Finding> findings = Stream.of(this.rule.evaluate(evidence),
				new ClientCsrNotAuthorizedRule().evaluate(evidence))
			.flatMap(Optional::stream)
			.toList();
		assertThat(findings).isNotEmpty();
	}

	@Test
	void pointsAtTheControllersFlagWhenTheControllerManagerLeads() {
		Finding finding = RuleOutcome.finding(this.rule, renewalsPending());
		assertThat(finding.summary()).contains("although RBAC lets them be auto-approved")
			.contains("csrapproving controller is most likely turned off");
		assertThat(RuleOutcome.commands(finding))
			.contains("sudo grep -E -- '--controllers' /etc/kubernetes/manifests/kube-controller-manager.yaml")
			.contains("kubectl certificate approve csr-k3");
	}

	@Test
	void saysNoControllerManagerLeadsWhenTheLeaseIsStale() {
		Finding finding = RuleOutcome.finding(this.rule, renewalsPending().controllerManagerLeaseAge(hours(3)));
		assertThat(finding.summary()).contains("Lease is stale").contains("no controller-manager leads");
		assertThat(finding.evidence()).contains("kube-controller-manager Lease last renewed 3 hours ago: no"
				+ " controller-manager is leading");
		assertThat(RuleOutcome.commands(finding)).contains("kubectl -n kube-system get lease kube-controller-manager");
	}

}
