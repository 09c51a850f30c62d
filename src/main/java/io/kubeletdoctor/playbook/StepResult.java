package io.kubeletdoctor.playbook;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kubeletdoctor.diagnosis.StepStatus;
import org.jspecify.annotations.Nullable;

/**
 * What a step reports: its status, a one-line summary and the facts shown in the report. For an
 * UNAVAILABLE step, {@code manualCommand} is what to run on the node instead.
 */
public record StepResult(StepStatus status, String summary, Map<String, Object> facts,
		@Nullable String manualCommand) {

	public static StepResult of(StepStatus status, String summary, Map<String, Object> facts) {
		return new StepResult(status, summary, new LinkedHashMap<>(facts), null);
	}

	public static StepResult unavailable(String reason, @Nullable String manualCommand) {
		return new StepResult(StepStatus.UNAVAILABLE, reason, new LinkedHashMap<>(), manualCommand);
	}

	public static StepResult skipped(String reason) {
		return new StepResult(StepStatus.SKIPPED, reason, new LinkedHashMap<>(), null);
	}

}
