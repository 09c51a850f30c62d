package io.kubeletdoctor.scenario.field;

import java.util.ArrayList;
import java.util.List;

/** Every field scenario, grouped by what makes it hard. */
final class FieldScenarios {

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

}
