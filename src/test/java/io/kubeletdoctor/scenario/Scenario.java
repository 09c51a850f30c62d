package io.kubeletdoctor.scenario;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.report.Report;
import org.jspecify.annotations.Nullable;

/**
 * One situation a kubelet alert can hide, run end to end: what the cluster and its kubelets look
 * like ({@code seed}, applied to a simulated cluster of the scenario's own), the alert Alertmanager
 * posts about it, and what the report must conclude. The name doubles as the alert's {@code cluster}
 * label, so it must be unique and label-safe.
 */
record Scenario(String name, String shows, Consumer<SimulatedCluster> seed, Map<String, String> alertLabels,
		Expectation expected) {

	static Builder named(String name) {
		return new Builder(name);
	}

	@Override
	public String toString() {
		return this.name;
	}

	/** Reads top to bottom like the story it tells: the situation, the alert, then the verdict. */
	static final class Builder {

		private final String name;

		private String shows = "";

		private Consumer<SimulatedCluster> seed = (cluster) -> {
		};

		private final Map<String, String> alertLabels = new LinkedHashMap<>();

		private @Nullable RootCauseCode code;

		private Report.Scope scope = Report.Scope.NODE;

		private final List<String> evidence = new ArrayList<>();

		private @Nullable Confidence confidence;

		private final Set<RootCauseCode> alsoNamed = EnumSet.noneOf(RootCauseCode.class);

		private final Set<RootCauseCode> neverNamed = EnumSet.noneOf(RootCauseCode.class);

		private boolean alone;

		private @Nullable Map<String, RootCauseCode> affectedNodes;

		private final Map<String, String> stepStatuses = new LinkedHashMap<>();

		private final List<String> summary = new ArrayList<>();

		private Builder(String name) {
			this.name = name;
		}

		Builder shows(String shows) {
			this.shows = shows;
			return this;
		}

		Builder seed(Consumer<SimulatedCluster> seed) {
			this.seed = seed;
			return this;
		}

		/** The alert's name and label pairs, e.g. {@code alert("KubeNodeNotReady", "node", "worker-1")}. */
		Builder alert(String alertname, String... labelPairs) {
			ScenarioWebhook.putAlert(this.alertLabels, alertname, labelPairs);
			return this;
		}

		Builder rootCause(RootCauseCode code) {
			this.code = code;
			return this;
		}

		Builder clusterScope() {
			this.scope = Report.Scope.CLUSTER;
			return this;
		}

		/** Text that must appear in one of the root cause's evidence lines. */
		Builder evidence(String... substrings) {
			this.evidence.addAll(List.of(substrings));
			return this;
		}

		/** Text that must appear in the root cause's summary, the sentence chat messages carry. */
		Builder summary(String... substrings) {
			this.summary.addAll(List.of(substrings));
			return this;
		}

		Builder confidence(Confidence confidence) {
			this.confidence = confidence;
			return this;
		}

		/** Causes that must be listed among the other causes. */
		Builder alsoNamed(RootCauseCode... codes) {
			this.alsoNamed.addAll(List.of(codes));
			return this;
		}

		/** Causes that must appear neither as the root cause nor among the other causes. */
		Builder neverNamed(RootCauseCode... codes) {
			this.neverNamed.addAll(List.of(codes));
			return this;
		}

		/** No other cause may be listed at all. */
		Builder alone() {
			this.alone = true;
			return this;
		}

		/** Exactly these nodes, with these codes, are listed as affected (cluster scope). */
		Builder affectedNodes(Map<String, RootCauseCode> nodes) {
			this.affectedNodes = Map.copyOf(nodes);
			return this;
		}

		Builder step(String stepId, String status) {
			this.stepStatuses.put(stepId, status);
			return this;
		}

		Scenario build() {
			if (this.code == null || !this.alertLabels.containsKey("alertname")) {
				throw new IllegalStateException("Scenario " + this.name + " needs an alert and a root cause");
			}
			if (this.neverNamed.contains(this.code)) {
				throw new IllegalStateException("Scenario " + this.name + " forbids its own root cause");
			}
			Expectation expected = new Expectation(this.code, this.scope, this.alertLabels.get("node"),
					List.copyOf(this.evidence), this.confidence, Set.copyOf(this.alsoNamed), Set.copyOf(this.neverNamed),
					this.alone, this.affectedNodes, Map.copyOf(this.stepStatuses), List.copyOf(this.summary));
			return new Scenario(this.name, this.shows, this.seed, Map.copyOf(this.alertLabels), expected);
		}

	}

}
