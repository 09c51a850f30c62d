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

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.csr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.minutes;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.servingCsr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CsrSigningFailedRuleTests {

	private final CsrSigningFailedRule rule = new CsrSigningFailedRule();

	static Stream<Arguments> cases() {
		return Stream.of(arguments("healthy node", healthyNode(), null),
				arguments("denied CSRs are not this rule's", healthyNode()
					.csr(servingCsr("csr-d1", CsrCondition.DENIED, minutes(20))), null),
				arguments("serving CSR failed validation", healthyNode().csr(failed()), Confidence.HIGH),
				arguments("failed, and the kubelet logged it", healthyNode().csr(failed())
					.log(LogSignal.CSR_FAILED, "certificate signing request failed, reason: SignerValidationFailure"),
						Confidence.HIGH));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesACsrTheSignerRejected(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.CSR_SIGNING_FAILED, expected);
	}

	@Test
	void quotesTheSignerMessageAndChecksTheNodeAddresses() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().csr(failed()));
		assertThat(finding.summary()).contains("SignerValidationFailure")
			.contains("DNS or IP subjectAltName is required");
		assertThat(RuleOutcome.commands(finding)).contains("kubectl get node worker-1 -o jsonpath='{.status.addresses}");
	}

	private static CsrRecord failed() {
		return csr("csr-f1", CsrRecord.KUBELET_SERVING_SIGNER, CsrCondition.FAILED, minutes(12), null,
				"SignerValidationFailure", "DNS or IP subjectAltName is required");
	}

}
