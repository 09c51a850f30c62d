package io.kubeletdoctor.diagnosis.rules;

import java.util.stream.Stream;

import io.kubeletdoctor.cluster.Reachability;
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

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.caSigned;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.clientCsr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.days;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.hours;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.minutes;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.servingCsr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Pending serving CSRs while the served certificate is still valid are reported (MEDIUM): the kubelet
 * only asks when it needs a replacement, so the current certificate will lapse with nobody approving.
 * Pending CSRs older than the served certificate are leftovers and are not reported.
 */
class ServingCsrNotApprovedRuleTests {

	private final ServingCsrNotApprovedRule rule = new ServingCsrNotApprovedRule();

	static Stream<Arguments> cases() {
		return Stream.of(
				arguments("healthy node", healthyNode(), null),
				arguments("three pending CSRs and no certificate served", healthyNode()
					.port(Reachability.HANDSHAKE_FAILED)
					.csr(servingCsr("csr-a1", CsrCondition.PENDING, minutes(40)))
					.csr(servingCsr("csr-b2", CsrCondition.PENDING, minutes(25)))
					.csr(servingCsr("csr-c3", CsrCondition.PENDING, minutes(10))), Confidence.HIGH),
				arguments("pending CSR while a valid certificate from before it is served", healthyNode()
					.serving(caSigned(days(300), days(65)))
					.csr(servingCsr("csr-a1", CsrCondition.PENDING, minutes(20))), Confidence.HIGH),
				arguments("pending CSR older than the certificate now served (leftover)", healthyNode()
					.serving(caSigned(minutes(5), days(365)))
					.csr(servingCsr("csr-a1", CsrCondition.PENDING, hours(3))), null),
				arguments("pending CSR older than a later issued serving CSR (leftover)", healthyNode()
					.csr(servingCsr("csr-a1", CsrCondition.PENDING, hours(3)))
					.csr(servingCsr("csr-b2", CsrCondition.ISSUED, hours(1))), null),
				arguments("pending for two minutes only", healthyNode().port(Reachability.HANDSHAKE_FAILED)
					.csr(servingCsr("csr-a1", CsrCondition.PENDING, minutes(2))), null),
				arguments("pending client CSRs only", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.PENDING, minutes(30))), null),
				arguments("pending CSR, kubelet certificates could not be read", healthyNode()
					.unavailable(Steps.KUBELET_CERTIFICATES)
					.csr(servingCsr("csr-a1", CsrCondition.PENDING, minutes(20))), Confidence.MEDIUM),
				arguments("pending CSR, server TTL +Inf and the TLS error in the log", healthyNode()
					.port(Reachability.HANDSHAKE_FAILED)
					.serverTtl(Double.POSITIVE_INFINITY)
					.log(LogSignal.NO_SERVING_CERTIFICATE, "http: TLS handshake error from 10.0.0.1:51234: no serving"
							+ " certificate available for the kubelet")
					.csr(servingCsr("csr-a1", CsrCondition.PENDING, minutes(20))), Confidence.HIGH));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesPendingServingCsrs(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.SERVING_CSR_NOT_APPROVED, expected);
	}

	@Test
	void approvesTheNewestCsrAfterCheckingItsRequesterAndNames() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().port(Reachability.HANDSHAKE_FAILED)
			.csr(servingCsr("csr-a1", CsrCondition.PENDING, minutes(40)))
			.csr(servingCsr("csr-c3", CsrCondition.PENDING, minutes(10))));
		assertThat(finding.summary()).contains("2 kubelet-serving CSR(s)").contains("the oldest for 40 minutes")
			.contains("no serving certificate now");
		assertThat(finding.evidence())
			.anyMatch((line) -> line.contains("csr-a1") && line.contains("SANs worker-1, 10.0.0.5"));
		assertThat(RuleOutcome.commands(finding))
			.contains("kubectl get csr csr-c3 -o jsonpath='{.spec.username}{\"\\n\"}'")
			.contains("kubectl get csr csr-c3 -o jsonpath='{.spec.request}' | base64 -d | openssl req -noout -text")
			.contains("kubectl certificate approve csr-c3")
			.doesNotContain("approve csr-a1");
	}

	@Test
	void givesTheTimeLeftOnTheCertificateStillServed() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().serving(caSigned(days(363), hours(41)))
			.csr(servingCsr("csr-a1", CsrCondition.PENDING, minutes(20))));
		assertThat(finding.summary()).contains("expires in 41 hours");
	}

}
