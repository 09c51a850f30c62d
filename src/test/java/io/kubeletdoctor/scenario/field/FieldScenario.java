package io.kubeletdoctor.scenario.field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.scenario.ScenarioWebhook;
import org.jspecify.annotations.Nullable;

/**
 * Kubelet certificate trouble as public reports describe it, with the verdict the domain facts call
 * for. {@code source} names the reports (repository and issue) the situation comes from. A scenario
 * whose verdict the service does not reach yet carries {@code knownFinding}: what the service
 * answered instead, so the run records it without failing; removing it turns the check on.
 */
record FieldScenario(String name, String source, String story, Consumer<SimulatedCluster> seed,
		Map<String, String> alertLabels, Verdict expected, boolean clusterScope,
		@Nullable Map<String, RootCauseCode> affectedNodes, @Nullable String summaryContains,
		@Nullable String knownFinding) {

	static Builder named(String name) {
		return new Builder("field-" + name);
	}

	/** Every way the report differs from what the domain expects; empty when it agrees. */
	List<String> mismatches(Outcome actual) {
		List<String> mismatches = new ArrayList<>();
		if (!"COMPLETED".equals(actual.status())) {
			mismatches.add("status " + actual.status());
		}
		if (!this.expected.code().name().equals(actual.code())) {
			mismatches.add("root cause " + actual.code() + " instead of " + this.expected.code());
		}
		if (this.expected.confidence() != null && !this.expected.confidence().name().equals(actual.confidence())) {
			mismatches.add("confidence " + actual.confidence() + " instead of " + this.expected.confidence());
		}
		String scope = this.clusterScope ? "CLUSTER" : "NODE";
		if (!scope.equals(actual.scope())) {
			mismatches.add("scope " + actual.scope() + " instead of " + scope);
		}
		if (this.affectedNodes != null) {
			Map<String, String> expectedNodes = new LinkedHashMap<>();
			this.affectedNodes.forEach((node, code) -> expectedNodes.put(node, code.name()));
			if (!expectedNodes.equals(actual.affectedNodes())) {
				mismatches.add("affected nodes " + actual.affectedNodes() + " instead of " + expectedNodes);
			}
		}
		if (this.summaryContains != null && !actual.summary().contains(this.summaryContains)) {
			mismatches.add("summary without \"" + this.summaryContains + "\"");
		}
		return mismatches;
	}

	@Override
	public String toString() {
		return this.name;
	}

	/** A root cause and how sure the report should be of it; no confidence means any. */
	record Verdict(RootCauseCode code, @Nullable Confidence confidence) {

		@Override
		public String toString() {
			return this.code + "/" + ((this.confidence != null) ? this.confidence : "any");
		}

	}

	static final class Builder {

		private final String name;

		private String source = "";

		private String story = "";

		private Consumer<SimulatedCluster> seed = (cluster) -> {
		};

		private final Map<String, String> alertLabels = new LinkedHashMap<>();

		private @Nullable Verdict expected;

		private boolean clusterScope;

		private @Nullable Map<String, RootCauseCode> affectedNodes;

		private @Nullable String summaryContains;

		private @Nullable String knownFinding;

		private Builder(String name) {
			this.name = name;
		}

		/** The public reports the situation comes from, as {@code owner/repo#number}. */
		Builder source(String... reports) {
			this.source = String.join(", ", reports);
			return this;
		}

		Builder story(String story) {
			this.story = story;
			return this;
		}

		Builder seed(Consumer<SimulatedCluster> seed) {
			this.seed = seed;
			return this;
		}

		Builder alert(String alertname, String... labelPairs) {
			ScenarioWebhook.putAlert(this.alertLabels, alertname, labelPairs);
			return this;
		}

		Builder expect(RootCauseCode code, @Nullable Confidence confidence) {
			this.expected = new Verdict(code, confidence);
			return this;
		}

		/** A cluster report listing exactly these nodes with these causes. */
		Builder clusterScope(Map<String, RootCauseCode> affectedNodes) {
			this.clusterScope = true;
			this.affectedNodes = Map.copyOf(affectedNodes);
			return this;
		}

		Builder summaryContains(String text) {
			this.summaryContains = text;
			return this;
		}

		/** The service does not reach the expected verdict yet; {@code answered} is what it said instead. */
		Builder knownFinding(String answered) {
			this.knownFinding = answered;
			return this;
		}

		FieldScenario build() {
			if (this.expected == null || !this.alertLabels.containsKey("alertname") || this.source.isEmpty()) {
				throw new IllegalStateException("Scenario " + this.name + " needs a source, an alert and a verdict");
			}
			return new FieldScenario(this.name, this.source, this.story, this.seed, Map.copyOf(this.alertLabels),
					this.expected, this.clusterScope, this.affectedNodes, this.summaryContains, this.knownFinding);
		}

	}

}
