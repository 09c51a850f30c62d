package io.kubeletdoctor.diagnosis.rules;

import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.caSigned;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.days;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.selfSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RotationDisabledRuleTests {

	private final RotationDisabledRule rule = new RotationDisabledRule();

	static Stream<Arguments> cases() {
		return Stream.of(arguments("rotation on", healthyNode(), null),
				arguments("self-signed serving certificate far from expiry", healthyNode().config(true, false)
					.serverTtl(null)
					.serving(selfSigned(days(100), days(265))), null),
				arguments("self-signed serving certificate expiring in 12 days, no server TTL series", healthyNode()
					.config(true, false)
					.serverTtl(null)
					.serving(selfSigned(days(353), days(12))), Confidence.HIGH),
				arguments("same, metrics not readable", healthyNode().config(true, false)
					.noMetrics()
					.serving(selfSigned(days(353), days(12))), Confidence.HIGH),
				arguments("client rotation off and the known client certificate ends in 10 days", healthyNode()
					.config(false, true)
					.clientTtl(null)
					.observed(CertificateRole.CLIENT, caSigned(days(355), days(10))), Confidence.HIGH),
				arguments("client rotation off, client expiry unknown", healthyNode().config(false, true)
					.clientTtl(null), Confidence.MEDIUM),
				arguments("configz not readable", healthyNode().noConfig().serving(selfSigned(days(353), days(12))),
						null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesDisabledRotationBeforeExpiry(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.ROTATION_DISABLED, expected);
	}

	@Test
	void turnsServingBootstrapOnForTheNode() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().config(true, false)
			.serverTtl(null)
			.serving(selfSigned(days(353), days(12))));
		assertThat(finding.summary()).contains("serving certificate expires in 12 days");
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("serverTLSBootstrap is false"));
		assertThat(RuleOutcome.commands(finding)).contains("serverTLSBootstrap: true")
			.contains("kubectl -n kube-system edit configmap kubelet-config");
	}

}
