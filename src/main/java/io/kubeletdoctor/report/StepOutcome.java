package io.kubeletdoctor.report;

import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * How one step of the playbook ended, as the report shows it. The JSON of {@code facts} carries no
 * type of its own: {@link StepOutcomeReader} reads it as the record {@code id} names.
 */
@JsonDeserialize(using = StepOutcomeReader.class)
public record StepOutcome(String id, String title, StepStatus status, String summary, StepFacts facts,
		long durationMs, @Nullable String manualCommand) {
}
