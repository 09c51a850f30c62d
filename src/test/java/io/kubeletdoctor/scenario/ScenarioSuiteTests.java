package io.kubeletdoctor.scenario;

import java.util.stream.Stream;

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

/**
 * Every scenario end to end through one running service: the scenario seeds a simulated cluster of
 * its own, Alertmanager's notification goes to the webhook with the scenario's name as the
 * {@code cluster} label, the Quartz drain runs the playbook, and the JSON report must carry the
 * expected verdict. Each verdict also goes into the calibration table, and a wrong HIGH fails.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ScenarioTestConfiguration.class)
@ExtendWith(Calibration.class)
class ScenarioSuiteTests {

	@LocalServerPort
	int port;

	@Autowired
	ScenarioClusters clusters;

	static Stream<Scenario> scenarios() {
		return Scenarios.all().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void scenarioIsDiagnosedEndToEnd(Scenario scenario) {
		scenario.seed().accept(this.clusters.cluster(scenario.name()));
		JsonNode report = ScenarioWebhook.diagnose(this.port, scenario.name(), scenario.alertLabels());
		String expected = scenario.expected().code().name();
		String actual = report.path("rootCause").path("code").asString();
		String confidence = report.path("rootCause").path("confidence").asString();
		Calibration.record("built-in", scenario.name(), confidence, expected, actual);
		Calibration.assertHighIsRight(scenario.name(), confidence, expected, actual);
		scenario.expected().verify(scenario.name(), report);
	}

}
