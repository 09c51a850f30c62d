package io.kubeletdoctor.scenario;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.scenario.field.FieldScenarios;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite proves every root-cause code of DESIGN §6 end to end, at least twice counting the field
 * scenarios, and each scenario gets a cluster of its own.
 */
class ScenarioCoverageTests {

	/** A label value Alertmanager and this suite's cluster registry both take as it is. */
	private static final Pattern CLUSTER_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

	@Test
	void everyRootCauseCodeIsTheVerdictOfAScenario() {
		Set<RootCauseCode> uncovered = EnumSet.allOf(RootCauseCode.class);
		Scenarios.all().forEach((scenario) -> uncovered.remove(scenario.expected().code()));
		assertThat(uncovered).as("root-cause codes no scenario expects as its verdict").isEmpty();
	}

	/** One scenario per code can pass by accident; two, built-in and field together, tell the code apart. */
	@Test
	void everyRootCauseCodeIsTheVerdictOfAtLeastTwoScenarios() {
		Map<RootCauseCode, Long> counts = new EnumMap<>(RootCauseCode.class);
		Stream.concat(Scenarios.all().stream().map((scenario) -> scenario.expected().code()),
				FieldScenarios.expectedCodes().stream())
			.forEach((code) -> counts.merge(code, 1L, Long::sum));
		List<RootCauseCode> thin = Stream.of(RootCauseCode.values())
			.filter((code) -> counts.getOrDefault(code, 0L) < 2)
			.toList();
		assertThat(thin).as("root-cause codes with fewer than two scenarios (built-in and field): %s", counts)
			.isEmpty();
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
