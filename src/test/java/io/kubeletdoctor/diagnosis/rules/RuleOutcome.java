package io.kubeletdoctor.diagnosis.rules;

import java.util.Optional;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts one row of a rule table: no finding, or a well-formed finding with the expected confidence. */
final class RuleOutcome {

	private RuleOutcome() {
	}

	static void assertOutcome(DiagnosisRule rule, EvidenceBuilder evidence, RootCauseCode code,
			@Nullable Confidence expected) {
		Optional<Finding> finding = rule.evaluate(evidence.build());
		if (expected == null) {
			assertThat(finding).isEmpty();
			return;
		}
		assertThat(finding).hasValueSatisfying((found) -> {
			assertThat(found.code()).isEqualTo(code);
			assertThat(found.confidence()).isEqualTo(expected);
			assertWellFormed(found);
		});
	}

	static Finding finding(DiagnosisRule rule, EvidenceBuilder evidence) {
		Finding finding = rule.evaluate(evidence.build()).orElseThrow();
		assertWellFormed(finding);
		return finding;
	}

	/** What every finding owes the on-call reader: the node, evidence, a refutation and a fix. */
	static void assertWellFormed(Finding finding) {
		assertThat(finding.title()).isNotBlank();
		assertThat(finding.summary()).contains(EvidenceBuilder.NODE);
		assertThat(finding.evidence()).isNotEmpty().allSatisfy((line) -> assertThat(line).isNotBlank());
		assertThat(finding.refutedBy()).isNotBlank();
		assertThat(finding.remediation()).isNotEmpty().allSatisfy((remediation) -> {
			assertThat(remediation.title()).isNotBlank();
			assertThat(remediation.commands()).allSatisfy((command) -> assertThat(command).isNotBlank());
		});
	}

	static String commands(Finding finding) {
		return String.join("\n", finding.remediation().stream().flatMap((r) -> r.commands().stream()).toList());
	}

}
