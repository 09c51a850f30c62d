package io.kubeletdoctor.diagnosis.rules;

import java.util.Arrays;

import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules name steps by compile-time constants (their switches need them); those must be the
 * ids of {@link StepId}, where step ids live, or a rule would wait for a step that never records.
 */
class StepIdsTests {

	@Test
	void theRulesNameEveryPlaybookStepByItsStepId() {
		assertThat(Steps.ALL).containsExactlyElementsOf(Arrays.stream(StepId.values())
			.filter((step) -> step != StepId.CLUSTER_SWEEP)
			.map(StepId::id)
			.toList());
	}

}
