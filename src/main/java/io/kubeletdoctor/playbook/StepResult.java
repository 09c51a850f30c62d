package io.kubeletdoctor.playbook;

import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import org.jspecify.annotations.Nullable;

/**
 * What a step reports: its status, a one-line summary and the facts shown in the report (none when it
 * gathered nothing). For an
 * UNAVAILABLE step, {@code manualCommand} is what to run on the node instead.
 */
public record StepResult(StepStatus status, String summary, StepFacts facts, @Nullable String manualCommand) {

	public static StepResult of(StepStatus status, String summary, StepFacts facts) {
		return new StepResult(status, summary, facts, null);
	}

	public static StepResult unavailable(String reason, @Nullable String manualCommand) {
		return new StepResult(StepStatus.UNAVAILABLE, reason, StepFacts.NONE, manualCommand);
	}

	public static StepResult skipped(String reason) {
		return new StepResult(StepStatus.SKIPPED, reason, StepFacts.NONE, null);
	}

}
