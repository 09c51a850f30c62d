package io.kubeletdoctor.report.web;

import java.util.Map;

import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A step's facts as the "All facts" table lists them: name and value, exactly as the report JSON
 * holds them, so the table never drifts from what the API serves.
 */
final class FactTable {

	private static final TypeReference<Map<String, Object>> TABLE = new TypeReference<>() {
	};

	private FactTable() {
	}

	static Map<String, Object> of(StepFacts facts) {
		return JsonMapper.shared().convertValue(facts, TABLE);
	}

}
