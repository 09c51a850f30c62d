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

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.days;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.hours;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.selfSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ClockSkewRuleTests {

	private static final String NOT_YET_VALID = "x509: certificate has expired or is not yet valid: current time"
			+ " 2026-08-01T09:00:00Z is before 2026-08-01T11:55:00Z";

	private final ClockSkewRule rule = new ClockSkewRule();

	static Stream<Arguments> cases() {
		return Stream.of(arguments("clocks agree", healthyNode(), null),
				arguments("kubelet rejects certificates as not yet valid",
						healthyNode().log(LogSignal.CERTIFICATE_NOT_YET_VALID, NOT_YET_VALID), Confidence.MEDIUM),
				arguments("served self-signed certificate starts in 3 hours",
						healthyNode().serving(selfSigned(hours(-3), days(365))), Confidence.MEDIUM),
				arguments("same, logs unreadable", healthyNode().serving(selfSigned(hours(-3), days(365)))
					.unavailable(Steps.KUBELET_LOGS), Confidence.MEDIUM),
				arguments("both", healthyNode().serving(selfSigned(hours(-3), days(365)))
					.log(LogSignal.CERTIFICATE_NOT_YET_VALID, NOT_YET_VALID), Confidence.HIGH));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesClockSkew(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.CLOCK_SKEW, expected);
	}

	@Test
	void quotesTheErrorAndFixesTimeSync() {
		Finding finding = RuleOutcome.finding(this.rule,
				healthyNode().log(LogSignal.CERTIFICATE_NOT_YET_VALID, NOT_YET_VALID));
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("is before 2026-08-01T11:55:00Z"));
		assertThat(RuleOutcome.commands(finding)).contains("timedatectl set-ntp true");
	}

}
