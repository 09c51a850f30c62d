package io.kubeletdoctor.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kubeletdoctor.cluster.ClusterRegistry;
import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.deploy.GrantedPermissions.Permission;
import io.kubeletdoctor.support.ApiRequest;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The RBAC in {@code app/} grants exactly what the playbooks use. Every playbook path runs
 * against the simulated cluster through the webhook (each demo node, a node that does not exist,
 * the KubeletDown sweep, and the rbac step's fallback when SubjectAccessReviews are forbidden);
 * each API request it made is read as the API server's authorizer reads it, and each request to a
 * kubelet's own port as the kubelet's authorizer reads it (get on nodes/metrics, nodes/log,
 * nodes/configz), and must be granted by a rule bound to the ServiceAccount; each granted
 * permission must have been used. With the node-proxy component the same holds for the node
 * proxy, used only for the kubelet that cannot be read directly.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(PlaybookRbacTests.TwoInstalls.class)
@TestInstance(Lifecycle.PER_CLASS)
// Forbidding SubjectAccessReviews and the demo nodes must not leak into tests that share a cached context.
@DirtiesContext
class PlaybookRbacTests {

	private static final String MISSING_NODE = "worker-that-never-existed";

	/** The base install, and the same cluster seen by a reader installed with the node-proxy component. */
	private static final String BASE = SimulatedClusterTestConfiguration.CLUSTER;

	private static final String WITH_NODE_PROXY = "with-node-proxy";

	@LocalServerPort
	int port;

	@Autowired
	SimulatedCluster cluster;

	private final GrantedPermissions granted = GrantedPermissions.of(AppManifests.load());

	private final List<ApiRequest> requests = new ArrayList<>();

	private JsonNode sweep;

	private JsonNode withoutAccessReviews;

	private JsonNode expiredServing;

	private final List<ApiRequest> withNodeProxy = new ArrayList<>();

	private JsonNode expiredServingWithNodeProxy;

	@BeforeAll
	void runEveryPlaybookPath() {
		DemoScenarios.seed(this.cluster);
		this.cluster.clearRequests();
		Webhook webhook = new Webhook(this.port);
		List<Map<String, String>> nodeAlerts = new ArrayList<>();
		DemoScenarios.expectedVerdicts().keySet().forEach((node) -> nodeAlerts.add(
				Map.of("alertname", "KubeletServerCertificateExpiration", "node", node, "cluster", BASE)));
		nodeAlerts.add(Map.of("alertname", "KubeletClientCertificateExpiration", "node", MISSING_NODE, "cluster", BASE));
		this.expiredServing = diagnose(webhook, nodeAlerts).stream()
			.filter((report) -> DemoScenarios.EXPIRED_SERVING.equals(report.get("node").asString()))
			.findFirst()
			.orElseThrow();
		// the kubelet-down playbook, run for each node the sweep finds not Ready
		this.sweep = diagnose(webhook,
				List.of(Map.of("alertname", "KubeletDown", "severity", "critical", "cluster", BASE))).get(0);
		this.cluster.failRequests("/apis/authorization\\.k8s\\.io/v1/subjectaccessreviews", 403);
		this.withoutAccessReviews = diagnose(webhook, List.of(Map.of("alertname",
				"KubeletClientCertificateRenewalErrors", "node", DemoScenarios.HEALTHY, "cluster", BASE))).get(0);
		this.cluster.clearFailures();
		record(this.requests);
		this.cluster.grantNodeProxy();
		this.expiredServingWithNodeProxy = diagnose(webhook, List.of(Map.of("alertname",
				"KubeletServerCertificateExpiration", "node", DemoScenarios.EXPIRED_SERVING, "cluster", WITH_NODE_PROXY)))
			.get(0);
		record(this.withNodeProxy);
		this.cluster.grantKubeletAccess("nodes/metrics", "nodes/log", "nodes/configz");
	}

	/** The API requests and the kubelet requests since the last call, as their authorizers read them. */
	private void record(List<ApiRequest> into) {
		new LinkedHashSet<>(this.cluster.requests()).forEach((recorded) -> into.add(ApiRequest.parse(recorded)));
		this.cluster.kubeletRequests().forEach((request) -> into.add(new ApiRequest("get", "", "nodes",
				request.subresource(), null, request.node(), request.path())));
		this.cluster.clearRequests();
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
			.filter((request) -> !grantedToEveryone(request) && this.granted.granting(request).isEmpty())
			.map(ApiRequest::toString)
			.distinct()
			.toList();
		assertThat(denied).as("requests no rule of app/ grants").isEmpty();
	}

	@Test
	void kubeletsAreReadDirectlyAndNeverThroughTheNodeProxyInTheBaseInstall() {
		assertThat(this.requests).filteredOn((request) -> "nodes".equals(request.resource()))
			.extracting(ApiRequest::qualifiedResource)
			.contains("nodes/metrics", "nodes/log", "nodes/configz")
			.doesNotContain("nodes/proxy");
		assertThat(this.cluster.kubeletRequests()).isEmpty();
	}

	@Test
	void aSelfSignedKubeletIsReportedFromItsHandshakeWithTheReasonNothingElseWasRead() {
		assertThat(this.expiredServing.get("rootCause").get("code").asString()).isEqualTo("SERVING_CERT_EXPIRED");
		JsonNode certificates = step(this.expiredServing, "kubelet-certificates").get("facts");
		assertThat(certificates.get("servingSelfGenerated").asBoolean()).isTrue();
		assertThat(certificates.get("kubeletAccess").asString()).startsWith("not read: the serving certificate of ")
			.contains("does not verify", "so the service-account token was not sent", "nodes/proxy is not granted");
		JsonNode logs = step(this.expiredServing, "kubelet-logs");
		assertThat(logs.get("status").asString()).isEqualTo("UNAVAILABLE");
		assertThat(logs.get("summary").asString()).contains("token was not sent");
	}

	@Test
	void withTheNodeProxyComponentOnlyTheKubeletThatCannotBeReadDirectlyGoesThroughIt() {
		GrantedPermissions withComponent = GrantedPermissions.of(AppManifests.loadWithComponent("node-proxy"));
		assertThat(this.withNodeProxy).filteredOn((request) -> request.qualifiedResource().equals("nodes/proxy"))
			.isNotEmpty()
			.allSatisfy((request) -> assertThat(request.name()).isEqualTo(DemoScenarios.EXPIRED_SERVING));
		assertThat(this.withNodeProxy).filteredOn((request) -> !grantedToEveryone(request))
			.allSatisfy((request) -> assertThat(withComponent.granting(request)).as(request.toString()).isPresent());
		JsonNode facts = step(this.expiredServingWithNodeProxy, "kubelet-certificates").get("facts");
		assertThat(facts.get("kubeletAccess").asString())
			.startsWith("through the API server's node proxy because the serving certificate of ")
			.contains("does not verify");
		assertThat(facts.get("rotateCertificates").asBoolean()).isTrue();
	}

	/**
	 * SelfSubjectAccessReviews (whether the node proxy may be used) are allowed to every authenticated
	 * user by the default system:basic-user ClusterRole; app/ need not grant them.
	 */
	private static boolean grantedToEveryone(ApiRequest request) {
		return request.qualifiedResource().equals("selfsubjectaccessreviews") && request.verb().equals("create");
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
			.containsOnly("subjectaccessreviews", "selfsubjectaccessreviews");
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


	/**
	 * The simulated cluster under two names: {@value #BASE} as installed from {@code app/}, and
	 * {@value #WITH_NODE_PROXY} whose reader first asks for nodes/proxy once the component is granted
	 * (each reader asks on its own and keeps the answer for minutes).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class TwoInstalls {

		@Bean(destroyMethod = "close")
		SimulatedCluster simulatedCluster(Clock clock) {
			return SimulatedCluster.start(clock);
		}

		@Bean
		ClusterRegistry clusterRegistry(SimulatedCluster cluster, MeterRegistry meterRegistry) {
			return SimulatedClusterTestConfiguration.registry(cluster, meterRegistry, WITH_NODE_PROXY);
		}

	}

}
