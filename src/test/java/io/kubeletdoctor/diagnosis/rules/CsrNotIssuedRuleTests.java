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

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.authority;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.caSigned;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.clientCsr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.days;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.hours;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.minutes;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.servingCsr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CsrNotIssuedRuleTests {

	private static final String TIMEOUT = "E0801 certificate_manager.go:562] \"Unhandled Error\""
			+ " err=\"kubernetes.io/kube-apiserver-client-kubelet: certificate request was not signed: timed out"
			+ " waiting for the condition\"";

	private final CsrNotIssuedRule rule = new CsrNotIssuedRule();

	static Stream<Arguments> cases() {
		return Stream.of(
				arguments("healthy node", healthyNode(), null),
				arguments("one client CSR approved 30 minutes ago, unsigned", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.APPROVED, minutes(30)))
					.clusterApprovedNotIssued(1), Confidence.HIGH),
				arguments("other nodes wait too", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.APPROVED, minutes(30)))
					.clusterApprovedNotIssued(7), Confidence.HIGH),
				arguments("the kubelet logged the signing timeout", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.APPROVED, minutes(30)))
					.clusterApprovedNotIssued(1)
					.log(LogSignal.CSR_NOT_SIGNED_TIMEOUT, TIMEOUT), Confidence.HIGH),
				arguments("controller-manager Lease stale", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.APPROVED, minutes(30)))
					.clusterApprovedNotIssued(1)
					.controllerManagerLeaseAge(hours(3)), Confidence.HIGH),
				arguments("approved two minutes ago", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.APPROVED, minutes(2))), null),
				arguments("stuck since an old outage, a later client CSR was issued", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.APPROVED, days(40)))
					.csr(clientCsr("csr-k2", CsrCondition.ISSUED, minutes(50))), null),
				arguments("stuck serving CSR older than the certificate now served", healthyNode()
					.serving(caSigned(days(1), days(364)))
					.csr(servingCsr("csr-s1", CsrCondition.APPROVED, days(3))), null),
				arguments("pending CSRs are not this rule's", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.PENDING, minutes(30))), null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesApprovedCsrsNeverSigned(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.CSR_NOT_ISSUED, expected);
	}

	@Test
	void namesTheStoppedControllerManagerAndTheCsrsToCleanUp() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode()
			.csr(clientCsr("csr-k1", CsrCondition.APPROVED, hours(3)))
			.csr(clientCsr("csr-k2", CsrCondition.APPROVED, minutes(20)))
			.clusterApprovedNotIssued(2)
			.controllerManagerLeaseAge(hours(3)));
		assertThat(finding.summary()).contains("2 CSR(s) of worker-1").contains("the oldest 3 hours ago")
			.contains("controller-manager is not running")
			.contains("client certificate expires in 250 days");
		assertThat(RuleOutcome.commands(finding)).contains("kubectl -n kube-system get lease kube-controller-manager")
			.contains("--cluster-signing-")
			.contains("kubectl delete csr csr-k1 csr-k2");
	}

	@Test
	void blamesAnExpiredCa() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode()
			.csr(clientCsr("csr-k1", CsrCondition.APPROVED, hours(1)))
			.caBundle(authority(days(3650), days(-2))));
		assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(finding.summary()).contains("CA has expired");
	}

}
