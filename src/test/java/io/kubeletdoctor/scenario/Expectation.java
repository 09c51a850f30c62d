package io.kubeletdoctor.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.report.Report;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a scenario's report must say, checked against the JSON API (the contract bots read): the root
 * cause and its scope, the evidence an engineer needs to believe it, and what must not be named.
 * {@code node} is the node the alert names; null for cluster scope.
 */
record Expectation(RootCauseCode code, Report.Scope scope, @Nullable String node, List<String> evidence,
		@Nullable Confidence confidence, Set<RootCauseCode> alsoNamed, Set<RootCauseCode> neverNamed, boolean alone,
		@Nullable Map<String, RootCauseCode> affectedNodes, Map<String, String> stepStatuses, List<String> summary) {

	/** Every failed expectation at once, with the verdict the report gave, so one run shows the whole story. */
	void verify(String scenario, JsonNode report) {
		JsonNode rootCause = report.path("rootCause");
		List<String> evidenceLines = texts(rootCause.path("evidence"));
		List<String> otherCodes = new ArrayList<>();
		report.path("otherCauses").forEach((cause) -> otherCodes.add(cause.path("code").asString()));
		String verdict = scenario + ": root cause " + rootCause.path("code").asString() + " ("
				+ rootCause.path("confidence").asString() + ") \"" + rootCause.path("summary").asString()
				+ "\", other causes " + otherCodes + ", evidence " + evidenceLines;

		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(report.path("status").asString()).as("status of " + scenario).isEqualTo("COMPLETED");
		softly.assertThat(report.path("scope").asString()).as("scope; " + verdict).isEqualTo(this.scope.name());
		if (this.scope == Report.Scope.NODE) {
			softly.assertThat(report.path("node").asString()).as("node; " + verdict).isEqualTo(this.node);
		}
		else {
			softly.assertThat(report.path("node").isNull()).as("no node on a cluster report; " + verdict).isTrue();
		}
		softly.assertThat(rootCause.path("code").asString()).as("root cause; " + verdict).isEqualTo(this.code.name());
		for (String expected : this.evidence) {
			softly.assertThat(evidenceLines).as("evidence naming \"%s\"; %s", expected, verdict)
				.anyMatch((line) -> line.contains(expected));
		}
		for (String expected : this.summary) {
			softly.assertThat(rootCause.path("summary").asString()).as("summary naming \"%s\"; %s", expected, verdict)
				.contains(expected);
		}
		if (this.confidence != null) {
			softly.assertThat(rootCause.path("confidence").asString()).as("confidence; " + verdict)
				.isEqualTo(this.confidence.name());
		}
		softly.assertThat(otherCodes).as("other causes; " + verdict)
			.containsAll(this.alsoNamed.stream().map(RootCauseCode::name).toList());
		for (RootCauseCode never : this.neverNamed) {
			softly.assertThat(otherCodes).as("never named; " + verdict).doesNotContain(never.name());
		}
		if (this.alone) {
			softly.assertThat(otherCodes).as("no other cause; " + verdict).isEmpty();
		}
		if (this.affectedNodes != null) {
			softly.assertThat(affected(report)).as("affected nodes; " + verdict).isEqualTo(codes(this.affectedNodes));
		}
		this.stepStatuses.forEach((step, status) -> softly.assertThat(stepStatus(report, step))
			.as("status of step %s; %s", step, verdict)
			.isEqualTo(status));
		softly.assertAll();
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((item) -> texts.add(item.asString()));
		return texts;
	}

	private static Map<String, String> affected(JsonNode report) {
		Map<String, String> nodes = new LinkedHashMap<>();
		report.path("affectedNodes").forEach((node) -> nodes.put(node.path("node").asString(),
				node.path("rootCauseCode").asString()));
		return nodes;
	}

	private static Map<String, String> codes(Map<String, RootCauseCode> nodes) {
		Map<String, String> codes = new LinkedHashMap<>();
		nodes.forEach((node, code) -> codes.put(node, code.name()));
		return codes;
	}

	private static @Nullable String stepStatus(JsonNode report, String stepId) {
		for (JsonNode step : report.path("steps")) {
			if (stepId.equals(step.path("id").asString())) {
				return step.path("status").asString();
			}
		}
		return null;
	}

}
