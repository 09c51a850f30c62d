package io.kubeletdoctor.diagnosis.rules;

import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.clientCsr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.csr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.minutes;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.servingCsr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CsrDeniedRuleTests {

	private final CsrDeniedRule rule = new CsrDeniedRule();

	static Stream<Arguments> cases() {
		return Stream.of(arguments("healthy node", healthyNode(), null),
				arguments("serving CSR denied", healthyNode().csr(denied()), Confidence.HIGH),
				arguments("serving CSR denied and the kubelet logged it", healthyNode().csr(denied())
					.log(LogSignal.CSR_DENIED, "certificate signing request is denied, reason: SANMismatch"),
						Confidence.HIGH),
				arguments("denied, then a later CSR of the same signer issued", healthyNode().csr(denied())
					.csr(servingCsr("csr-ok", CsrCondition.ISSUED, minutes(10))), null),
				arguments("denied client CSR, later serving CSR issued", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.DENIED, minutes(30)))
					.csr(servingCsr("csr-ok", CsrCondition.ISSUED, minutes(10))), Confidence.HIGH));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesADeniedCsr(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.CSR_DENIED, expected);
	}

	@Test
	void quotesWhyItWasDenied() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().csr(denied()));
		assertThat(finding.summary()).contains("csr-d1").contains("denied (SANMismatch: \"10.0.0.9 is not an address")
			.contains("30 minutes ago");
		assertThat(RuleOutcome.commands(finding))
			.contains("kubectl get csr csr-d1 -o jsonpath='{range .status.conditions[*]}");
	}

	private static CsrRecord denied() {
		return csr("csr-d1", CsrRecord.KUBELET_SERVING_SIGNER, CsrCondition.DENIED, minutes(30), null, "SANMismatch",
				"10.0.0.9 is not an address of worker-1");
	}

}
