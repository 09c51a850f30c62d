package io.kubeletdoctor.report;

import java.util.Map;

import io.kubeletdoctor.diagnosis.StepStatus;
import org.jspecify.annotations.Nullable;

/** How one step of the playbook ended, as the report shows it. */
public record StepOutcome(String id, String title, StepStatus status, String summary, Map<String, Object> facts,
		long durationMs, @Nullable String manualCommand) {
}
