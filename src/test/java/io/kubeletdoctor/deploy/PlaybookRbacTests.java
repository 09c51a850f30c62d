package io.kubeletdoctor.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.deploy.GrantedPermissions.Permission;
import io.kubeletdoctor.support.ApiRequest;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The RBAC in {@code app/} grants exactly what the playbooks use. Every playbook path runs
 * against the simulated cluster through the webhook (each demo node, a node that does not exist,
 * the KubeletDown sweep, and the rbac step's fallback when SubjectAccessReviews are forbidden);
 * each API request it made is read as the API server's authorizer reads it and must be granted
 * by a rule bound to the ServiceAccount, and each granted permission must have been used.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
@TestInstance(Lifecycle.PER_CLASS)
// Forbidding SubjectAccessReviews and the demo nodes must not leak into tests that share a cached context.
@DirtiesContext
class PlaybookRbacTests {

	private static final String MISSING_NODE = "worker-that-never-existed";

	@LocalServerPort
	int port;

	@Autowired
	SimulatedCluster cluster;

	private final GrantedPermissions granted = GrantedPermissions.of(AppManifests.load());

	private final List<ApiRequest> requests = new ArrayList<>();

	private JsonNode sweep;

	private JsonNode withoutAccessReviews;

	@BeforeAll
	void runEveryPlaybookPath() {
		DemoScenarios.seed(this.cluster);
		this.cluster.clearRequests();
		Webhook webhook = new Webhook(this.port);
		List<Map<String, String>> nodeAlerts = new ArrayList<>();
		DemoScenarios.expectedVerdicts().keySet().forEach((node) -> nodeAlerts.add(
				Map.of("alertname", "KubeletServerCertificateExpiration", "node", node)));
		nodeAlerts.add(Map.of("alertname", "KubeletClientCertificateExpiration", "node", MISSING_NODE));
		diagnose(webhook, nodeAlerts);
		// the kubelet-down playbook, run for each node the sweep finds not Ready
		this.sweep = diagnose(webhook, List.of(Map.of("alertname", "KubeletDown", "severity", "critical"))).get(0);
		this.cluster.failRequests("/apis/authorization\\.k8s\\.io/v1/subjectaccessreviews", 403);
		this.withoutAccessReviews = diagnose(webhook, List.of(Map.of("alertname",
				"KubeletClientCertificateRenewalErrors", "node", DemoScenarios.HEALTHY))).get(0);
		new LinkedHashSet<>(this.cluster.requests())
			.forEach((recorded) -> this.requests.add(ApiRequest.parse(recorded)));
	}

	@Test
	void fallbackPathsWereExercised() {
		assertThat(this.sweep.get("scope").asString()).isEqualTo("CLUSTER");
		assertThat(this.sweep.get("playbook").asString()).isEqualTo("kubelet-down");
		assertThat(this.sweep.get("affectedNodes")).isNotEmpty();
		JsonNode rbac = step(this.withoutAccessReviews, "rbac");
		assertThat(rbac.get("facts").get("evaluatedStatically").asBoolean())
			.as("rbac step evaluated ClusterRoleBindings after the 403 on SubjectAccessReviews")
			.isTrue();
	}

	@Test
	void everyRequestIsGrantedByTheRbacOfApp() {
		assertThat(this.requests).isNotEmpty();
		List<String> denied = this.requests.stream()
			.filter((request) -> this.granted.granting(request).isEmpty())
			.map(ApiRequest::toString)
			.distinct()
			.toList();
		assertThat(denied).as("requests no rule of app/ grants").isEmpty();
	}

	@Test
	void everyGrantedPermissionIsUsed() {
		assertThat(this.granted.all()).isNotEmpty();
		List<String> unused = this.granted.all()
			.stream()
			.filter((permission) -> this.requests.stream().noneMatch(permission::allows))
			.map(Permission::toString)
			.toList();
		assertThat(unused).as("permissions of app/ that no playbook path used").isEmpty();
	}

	@Test
	void serviceOnlyReadsAndNeverTouchesSecrets() {
		Set<String> verbs = new LinkedHashSet<>();
		this.requests.forEach((request) -> verbs.add(request.verb()));
		assertThat(verbs).containsOnly("get", "list", "create");
		assertThat(this.requests).filteredOn((request) -> request.verb().equals("create"))
			.extracting(ApiRequest::qualifiedResource)
			.containsOnly("subjectaccessreviews");
		assertThat(this.requests).extracting(ApiRequest::resource).doesNotContain("secrets");
	}

	private List<JsonNode> diagnose(Webhook webhook, List<Map<String, String>> labelSets) {
		String startsAt = Instant.now().minus(Duration.ofMinutes(10)).toString();
		List<Map<String, Object>> alerts = new ArrayList<>();
		labelSets.forEach((labels) -> alerts.add(Webhook.alert("firing", Webhook.newFingerprint(), startsAt, labels)));
		JsonNode accepted = webhook.json(webhook.post(webhook.notification(alerts)));
		List<JsonNode> reports = new ArrayList<>();
		for (JsonNode queued : accepted.get("reports")) {
			String id = queued.get("id").asString();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
					() -> webhook.report(id).get("status").asString(),
					(status) -> status.equals("COMPLETED") || status.equals("FAILED"));
			JsonNode report = webhook.report(id);
			assertThat(report.get("status").asString()).as("report %s", id).isEqualTo("COMPLETED");
			reports.add(report);
		}
		assertThat(reports).isNotEmpty();
		return reports;
	}

	private static JsonNode step(JsonNode report, String id) {
		for (JsonNode step : report.get("steps")) {
			if (id.equals(step.get("id").asString())) {
				return step;
			}
		}
		throw new AssertionError("No step " + id + " in report " + report.get("id"));
	}

}
