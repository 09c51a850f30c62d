package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The facts of a step that gathered nothing, or of a stored step whose id no {@link StepId} names:
 * kept as they were stored so the report still shows and serves them, never read by name.
 */
public record UntypedStepFacts(@JsonValue Map<String, Object> values) implements StepFacts {

	static final UntypedStepFacts EMPTY = new UntypedStepFacts(Map.of());

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public UntypedStepFacts {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

}
