package io.kubeletdoctor.scenario.field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** What a report concluded, read from the JSON API the way a chat bot reads it. */
record Outcome(String status, String scope, String code, String confidence, String summary,
		List<String> otherCauses, Map<String, String> affectedNodes) {

	static Outcome of(JsonNode report) {
		JsonNode rootCause = report.path("rootCause");
		List<String> others = new ArrayList<>();
		report.path("otherCauses").forEach((cause) -> others.add(cause.path("code").asString()));
		Map<String, String> affected = new LinkedHashMap<>();
		report.path("affectedNodes")
			.forEach((node) -> affected.put(node.path("node").asString(), node.path("rootCauseCode").asString()));
		return new Outcome(report.path("status").asString(), report.path("scope").asString(),
				rootCause.path("code").asString(), rootCause.path("confidence").asString(),
				rootCause.path("summary").asString(), List.copyOf(others), affected);
	}

	@Override
	public String toString() {
		return this.code + "/" + this.confidence
				+ (this.otherCauses.isEmpty() ? "" : " (also " + String.join(", ", this.otherCauses) + ")");
	}

}
