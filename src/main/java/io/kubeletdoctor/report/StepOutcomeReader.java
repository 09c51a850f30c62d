package io.kubeletdoctor.report;

import java.util.LinkedHashMap;

import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.diagnosis.stepfacts.UntypedStepFacts;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a stored step: its facts as the record its id names. Facts of a step that gathered
 * nothing are empty, and those of an id no {@link StepId} knows are kept untyped, so every report
 * stored earlier still reads.
 */
class StepOutcomeReader extends ValueDeserializer<StepOutcome> {

	@Override
	public StepOutcome deserialize(JsonParser parser, DeserializationContext context) {
		Stored stored = context.readValue(parser, Stored.class);
		return new StepOutcome(stored.id(), stored.title(), stored.status(), stored.summary(),
				facts(stored.id(), stored.facts(), context), stored.durationMs(), stored.manualCommand());
	}

	private static StepFacts facts(String id, @Nullable JsonNode facts, DeserializationContext context) {
		if (facts == null || facts.isNull() || facts.isEmpty()) {
			return StepFacts.NONE;
		}
		return StepId.of(id)
			.<StepFacts>map((step) -> context.readTreeAsValue(facts, step.factsType()))
			.orElseGet(() -> new UntypedStepFacts(context.readTreeAsValue(facts,
					context.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class))));
	}

	/** The stored shape, facts still as JSON. */
	private record Stored(String id, String title, StepStatus status, String summary, @Nullable JsonNode facts,
			long durationMs, @Nullable String manualCommand) {
	}

}
