package io.kubeletdoctor.scenario;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite proves every root-cause code of DESIGN §6 end to end, and each scenario gets a cluster of its own. */
class ScenarioCoverageTests {

	/** A label value Alertmanager and this suite's cluster registry both take as it is. */
	private static final Pattern CLUSTER_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

	@Test
	void everyRootCauseCodeIsTheVerdictOfAScenario() {
		Set<RootCauseCode> uncovered = EnumSet.allOf(RootCauseCode.class);
		Scenarios.all().forEach((scenario) -> uncovered.remove(scenario.expected().code()));
		assertThat(uncovered).as("root-cause codes no scenario expects as its verdict").isEmpty();
	}

	@Test
	void scenarioNamesAreUniqueClusterNames() {
		List<String> names = Scenarios.all().stream().map(Scenario::name).toList();
		assertThat(names).doesNotHaveDuplicates().allMatch((name) -> CLUSTER_NAME.matcher(name).matches());
	}

	@Test
	void everyScenarioSaysWhatItShows() {
		assertThat(Scenarios.all()).allSatisfy((scenario) -> assertThat(scenario.shows()).as(scenario.name())
			.isNotBlank());
	}

}
