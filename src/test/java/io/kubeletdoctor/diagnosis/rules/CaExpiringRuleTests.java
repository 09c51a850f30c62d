package io.kubeletdoctor.diagnosis.rules;

import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.authority;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.caSigned;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.days;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CaExpiringRuleTests {

	private final CaExpiringRule rule = new CaExpiringRule();

	static Stream<Arguments> cases() {
		return Stream.of(arguments("CA valid for years", healthyNode(), null),
				arguments("CA expires in 41 days, nothing shows the signers use it", healthyNode()
					.caBundle(authority(days(3609), days(41)))
					.servingChainsToBundle(null), Confidence.MEDIUM),
				arguments("CA expires in 41 days and the served certificate chains to it",
						healthyNode().caBundle(authority(days(3609), days(41))), Confidence.HIGH),
				arguments("CA expires in 41 days and the served certificate ends with it", healthyNode()
					.caBundle(authority(days(3609), days(41)))
					.serving(caSigned(days(20), days(41))), Confidence.HIGH),
				arguments("CA expires in 120 days", healthyNode().caBundle(authority(days(3530), days(120))), null),
				arguments("CA already expired is CA_EXPIRED's", healthyNode().caBundle(authority(days(3650), days(-1))),
						null),
				arguments("old CA expiring during a rotation, new one valid", healthyNode()
					.caBundle(authority(days(3609), days(41)), authority(days(10), days(3640))), null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesACaAboutToExpire(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.CA_EXPIRING, expected);
	}

	@Test
	void saysWhenAndThatIssuedCertificatesAreCutShort() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().caBundle(authority(days(3609), days(41)))
			.serving(caSigned(days(20), days(41))));
		assertThat(finding.summary()).contains("expires in 41 days");
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("cutting certificates short"));
	}

}
