package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * node-events: event counts, kubelet starts, the last NotReady and Ready, and the relevant events
 * newest first, each as {@code <age> ago <reason> (x<count>) [<source>]: <message>}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeEventsStepFacts(int eventCount, int relevantCount, int kubeletStarts,
		@Nullable Long lastNotReadySecondsAgo, @Nullable Long lastReadySecondsAgo, List<String> highlights)
		implements StepFacts {
}
