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

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class NodeNotFoundRuleTests {

	private final NodeNotFoundRule rule = new NodeNotFoundRule();

	static Stream<Arguments> cases() {
		return Stream.of(arguments("node exists", healthyNode(), null),
				arguments("node exists but stopped reporting", healthyNode().heartbeatLost(hours(3)), null),
				arguments("node status could not be read", healthyNode().unavailable(Steps.NODE_STATUS), null),
				arguments("no Node matches", healthyNode().nodeNotFound(), Confidence.HIGH));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesAMissingNode(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.NODE_NOT_FOUND, expected);
	}

	@Test
	void looksForTheNodeUnderItsName() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().nodeNotFound());
		assertThat(RuleOutcome.commands(finding)).contains("grep -F -- worker-1")
			.contains("involvedObject.name=worker-1");
	}

}
