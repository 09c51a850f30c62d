package io.kubeletdoctor.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kubeletdoctor.support.Webhook;
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
import static org.awaitility.Awaitility.await;

/**
 * Every scenario end to end through one running service: the scenario seeds a simulated cluster of
 * its own, Alertmanager's notification goes to the webhook with the scenario's name as the
 * {@code cluster} label, the Quartz drain runs the playbook, and the JSON report must carry the
 * expected verdict.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ScenarioTestConfiguration.class)
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
		JsonNode report = diagnose(scenario);
		scenario.expected().verify(scenario.name(), report);
	}

	private JsonNode diagnose(Scenario scenario) {
		Webhook webhook = new Webhook(this.port);
		Map<String, String> labels = new LinkedHashMap<>(scenario.alertLabels());
		labels.put("cluster", scenario.name());
		String body = webhook.notification(List.of(Webhook.alert("firing", Webhook.newFingerprint(),
				Instant.now().minus(Duration.ofMinutes(10)).toString(), labels)));
		JsonNode accepted = webhook.json(webhook.post(body));
		assertThat(accepted.path("reports")).as("reports opened for %s: %s", scenario, accepted).hasSize(1);
		String id = accepted.path("reports").get(0).path("id").asString();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> webhook.report(id).path("status").asString(),
					(status) -> status.equals("COMPLETED") || status.equals("FAILED"));
		return webhook.report(id);
	}

}
