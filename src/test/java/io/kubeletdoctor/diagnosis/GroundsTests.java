package io.kubeletdoctor.diagnosis;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The confidence policy: what is left open decides, not how many checks agree. */
class GroundsTests {

	@Test
	void anObservedFaultWithEveryAlternativeRuledOutIsHigh() {
		Grounds grounds = Grounds.observed("the expired certificate on the wire")
			.excluded("another listener")
			.excluding("a node clock ahead", true, "unused");
		assertThat(grounds.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(grounds.lines()).containsExactly("Confidence HIGH: observed the expired certificate on the wire",
				"Ruled out: another listener; a node clock ahead");
	}

	@Test
	void oneAlternativeLeftOpenIsMediumAndTheEvidenceSaysWhichAndWhy() {
		Grounds grounds = Grounds.observed("Pending CSRs").excluding("an approver that is slow", false, "too young");
		assertThat(grounds.confidence()).isEqualTo(Confidence.MEDIUM);
		assertThat(grounds.openAlternatives()).containsExactly("an approver that is slow (too young)");
		assertThat(grounds.lines()).contains("Not ruled out: an approver that is slow (too young)");
	}

	@Test
	void twoAlternativesOpenOneSupportedOrOnlySymptomsAreLow() {
		assertThat(Grounds.observed("x").open("a", "why").open("b", "why").confidence()).isEqualTo(Confidence.LOW);
		assertThat(Grounds.observed("x").supported("a", "the Lease renews").confidence()).isEqualTo(Confidence.LOW);
		assertThat(Grounds.inferred("a stale Lease").excluded("a").confidence()).isEqualTo(Confidence.LOW);
	}

	@Test
	void anAlternativeOnlyAnUnavailableStepCouldRuleOutStaysOpenWithTheStepsReason() {
		Evidence evidence = new Evidence("worker-1", Instant.parse("2026-12-01T00:00:00Z"));
		evidence.recordStep("kubelet-logs", StepStatus.UNAVAILABLE, "log query is off");
		evidence.recordStep("node-status", StepStatus.OK, null);
		Grounds grounds = Grounds.observed("x")
			.excludingBy(evidence, "kubelet-logs", "a node clock ahead", true)
			.excludingBy(evidence, "node-status", "a renewed certificate", true);
		assertThat(grounds.confidence()).isEqualTo(Confidence.MEDIUM);
		assertThat(grounds.openAlternatives())
			.containsExactly("a node clock ahead (kubelet-logs could not be checked: log query is off)");
	}

}
