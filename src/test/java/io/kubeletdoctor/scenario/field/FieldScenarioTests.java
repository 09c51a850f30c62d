package io.kubeletdoctor.scenario.field;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.kubeletdoctor.scenario.Calibration;
import io.kubeletdoctor.scenario.ScenarioClusters;
import io.kubeletdoctor.scenario.ScenarioTestConfiguration;
import io.kubeletdoctor.scenario.ScenarioWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Field scenarios end to end through the running service, like the scenario suite: each seeds a
 * simulated cluster of its own, Alertmanager's notification goes to the webhook with the scenario's
 * name as the {@code cluster} label, and the JSON report's verdict is compared with the domain's. A
 * scenario marked as a known finding is recorded and skipped; once the service reaches its verdict
 * it fails, asking for the mark to go. A wrong HIGH verdict fails even then.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ScenarioTestConfiguration.class)
@ExtendWith(Calibration.class)
class FieldScenarioTests {

	private static final FieldResults RESULTS = new FieldResults();

	@LocalServerPort
	int port;

	@Autowired
	ScenarioClusters clusters;

	static Stream<FieldScenario> scenarios() {
		return FieldScenarios.all().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void fieldScenarioIsDiagnosedAsTheDomainExpects(FieldScenario scenario) {
		scenario.seed().accept(this.clusters.cluster(scenario.name()));
		JsonNode report = ScenarioWebhook.diagnose(this.port, scenario.name(), scenario.alertLabels());
		Outcome actual = Outcome.of(report);
		List<String> mismatches = scenario.mismatches(actual);
		RESULTS.record(scenario, actual, mismatches);
		Calibration.record("field", scenario.name(), actual.confidence(), scenario.expected().code().name(),
				actual.code());
		Calibration.assertHighIsRight(scenario.name(), actual.confidence(), scenario.expected().code().name(),
				actual.code());
		String verdict = scenario.name() + " (" + scenario.source() + "): expected " + scenario.expected()
				+ ", report said " + actual + " \"" + actual.summary() + "\", evidence "
				+ report.path("rootCause").path("evidence") + ", steps " + stepStatuses(report);
		if (scenario.knownFinding() != null) {
			assertThat(mismatches).as("known finding fixed, remove knownFinding: %s", verdict).isNotEmpty();
			Assumptions.abort("Known finding: " + verdict + "; " + String.join("; ", mismatches));
		}
		assertThat(mismatches).as(verdict).isEmpty();
	}

	@Test
	void everyScenarioHasAUniqueClusterNameAndASource() {
		List<FieldScenario> all = FieldScenarios.all();
		assertThat(all).hasSizeGreaterThanOrEqualTo(20);
		assertThat(all).extracting(FieldScenario::name)
			.doesNotHaveDuplicates()
			.allMatch((name) -> name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"));
		assertThat(all).allSatisfy((scenario) -> assertThat(scenario.source()).as(scenario.name())
			.matches("[\\w.-]+/[\\w.-]+#\\d+.*"));
	}

	@AfterAll
	static void printTable() {
		RESULTS.print();
	}

	private static List<String> stepStatuses(JsonNode report) {
		List<String> steps = new ArrayList<>();
		report.path("steps").forEach((step) -> steps.add(step.path("id").asString() + " "
				+ step.path("status").asString() + ": " + step.path("summary").asString()));
		return steps;
	}

}
