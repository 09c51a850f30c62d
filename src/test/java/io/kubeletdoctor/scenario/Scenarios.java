package io.kubeletdoctor.scenario;

import java.util.ArrayList;
import java.util.List;

/** Every scenario of the suite, grouped by where the fault sits. */
final class Scenarios {

	private Scenarios() {
	}

	static List<Scenario> all() {
		List<Scenario> all = new ArrayList<>();
		all.addAll(HealthScenarios.all());
		all.addAll(AuthorityScenarios.all());
		all.addAll(ClientCertificateScenarios.all());
		all.addAll(ClientCsrScenarios.all());
		all.addAll(ServingScenarios.all());
		all.addAll(CsrHistoryScenarios.all());
		all.addAll(SecondLookScenarios.all());
		return List.copyOf(all);
	}

}
