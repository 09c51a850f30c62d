package io.kubeletdoctor.scenario.field;

import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.diagnosis.RootCauseCode;

/** Every field scenario, grouped by what makes it hard. */
public final class FieldScenarios {

	private FieldScenarios() {
	}

	static List<FieldScenario> all() {
		List<FieldScenario> all = new ArrayList<>();
		all.addAll(HealedNodeScenarios.all());
		all.addAll(MisleadingScenarios.all());
		all.addAll(MixedClusterScenarios.all());
		all.addAll(ServingFieldScenarios.all());
		all.addAll(ClientFieldScenarios.all());
		return List.copyOf(all);
	}

	/** The root cause each field scenario expects, for the coverage checks of the whole suite. */
	public static List<RootCauseCode> expectedCodes() {
		return all().stream().map((scenario) -> scenario.expected().code()).toList();
	}

}
