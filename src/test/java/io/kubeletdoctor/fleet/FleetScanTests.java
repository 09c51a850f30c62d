package io.kubeletdoctor.fleet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fleet scan from the outside: the demo scenarios on a simulated cluster, a scan requested with
 * the page's form, then what {@code /api/v1/fleet}, {@code /fleet} and {@code /actuator/prometheus}
 * show for each kind of node.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { FleetFixtures.NO_SAMPLE_ALERTS, FleetFixtures.OWN_CONTEXT })
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class FleetScanTests {

	static final String GONE = "worker-gone";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	SimulatedCluster cluster;

	@BeforeEach
	void seed() {
		FleetFixtures.seed(this.cluster);
	}

	@Test
	void everyKindOfNodeIsInventoried() {
		JsonNode cluster = scan();
		assertThat(cluster.get("name").asString()).isEqualTo(SimulatedClusterTestConfiguration.CLUSTER);
		assertThat(cluster.get("cas")).hasSize(1);
		assertThat(cluster.get("servingApproval").asString()).isEqualTo("SEEN");
		assertThat(cluster.get("approvedNotIssued").asInt()).as("the demo signer stopped: three client CSRs wait")
			.isEqualTo(3);

		JsonNode healthy = node(cluster, DemoScenarios.HEALTHY);
		assertThat(healthy.get("reachable").asBoolean()).isTrue();
		assertThat(certificate(healthy, "SERVING").get("rotation").asString()).isEqualTo("OK");
		assertThat(certificate(healthy, "SERVING").get("source").asString()).startsWith("TLS handshake");
		assertThat(certificate(healthy, "CLIENT").get("rotation").asString()).isEqualTo("OK");
		assertThat(healthy.get("cannotRotate")).isEmpty();
		assertThat(checks(healthy)).containsExactly("4.2.10=PASS", "4.2.11=PASS");

		JsonNode selfSigned = node(cluster, DemoScenarios.EXPIRED_SERVING);
		JsonNode selfSignedServing = certificate(selfSigned, "SERVING");
		assertThat(selfSigned.get("servingSelfSigned").asBoolean()).isTrue();
		assertThat(selfSignedServing.get("rotation").asString()).isEqualTo("SELF_SIGNED");
		assertThat(Instant.parse(selfSignedServing.get("notAfter").asString())).isBefore(Instant.now());
		// no token goes to a kubelet whose certificate does not verify, so /configz stays unread; the
		// self-signed certificate alone says that server certificate rotation is off
		assertThat(checks(selfSigned)).containsExactly("4.2.10=UNKNOWN", "4.2.11=FAIL");

		JsonNode pending = node(cluster, DemoScenarios.PENDING_SERVING_CSR);
		assertThat(pending.get("reachable").asBoolean()).as("no serving certificate: the handshake is aborted")
			.isFalse();
		assertThat(certificate(pending, "SERVING").get("rotation").asString()).isEqualTo("NOT_APPROVED");
		assertThat(pending.get("newestServingCsr").get("condition").asString()).isEqualTo("PENDING");

		JsonNode advice = pending.get("approvalAdvice");
		assertThat(advice.get("safe").asBoolean()).as(advice.toString()).isTrue();
		assertThat(advice.get("command").asString())
			.isEqualTo("kubectl certificate approve " + pending.get("newestServingCsr").get("name").asString());
		JsonNode foreign = node(cluster, FleetFixtures.HOSTILE).get("approvalAdvice");
		assertThat(foreign.get("csr").asString()).isEqualTo(FleetFixtures.FOREIGN_SAN_CSR);
		assertThat(foreign.get("safe").asBoolean()).isFalse();
		assertThat(foreign.get("command").isNull()).as("no command for an unsafe request").isTrue();
		assertThat(foreign.get("reason").asString()).contains("SANs", FleetFixtures.FOREIGN_ADDRESS);
		assertThat(healthy.get("approvalAdvice").isNull()).as("nothing Pending, nothing to advise").isTrue();

		JsonNode clientExpired = node(cluster, DemoScenarios.CLIENT_EXPIRED);
		assertThat(certificate(clientExpired, "CLIENT").get("notAfter").isNull()).isTrue();
		assertThat(certificate(clientExpired, "CLIENT").get("rotation").asString()).isEqualTo("FAILING");

		JsonNode down = node(cluster, DemoScenarios.KUBELET_DOWN);
		assertThat(down.get("reachable").asBoolean()).isFalse();
		assertThat(down.get("reachability").asString()).isEqualTo("REFUSED");
		assertThat(certificate(down, "SERVING").get("source").asString()).as("the CSR stands in for the kubelet")
			.startsWith("CSR ");

		JsonNode notIssued = node(cluster, DemoScenarios.CSR_NOT_ISSUED);
		JsonNode notIssuedClient = certificate(notIssued, "CLIENT");
		assertThat(notIssuedClient.get("rotation").asString()).isEqualTo("FAILING");
		assertThat(Duration.between(Instant.now(), Instant.parse(notIssuedClient.get("notAfter").asString())))
			.isBetween(Duration.ofDays(1), Duration.ofDays(3));
		assertThat(notIssued.get("newestClientCsr").get("condition").asString()).isEqualTo("APPROVED");

		List<String> order = new ArrayList<>();
		cluster.get("nodes").forEach((node) -> order.add(node.get("node").asString()));
		assertThat(order.indexOf(DemoScenarios.CLIENT_EXPIRED)).as("no valid certificate sorts first")
			.isLessThan(order.indexOf(DemoScenarios.CSR_NOT_ISSUED));
		assertThat(order.indexOf(DemoScenarios.CSR_NOT_ISSUED)).as("two days before ten months")
			.isLessThan(order.indexOf(DemoScenarios.HEALTHY));
	}

	@Test
	void aCertificateThatWillNotLastIsDiagnosedOnceBeforeAnyAlert() {
		scan();
		JsonNode report = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
			.until(() -> earlyReports(DemoScenarios.CSR_NOT_ISSUED).stream().findFirst().orElse(null),
					(r) -> r != null && "COMPLETED".equals(r.get("status").asString()));
		assertThat(report.get("rootCause").get("code").asString()).isEqualTo("CSR_NOT_ISSUED");
		scan();
		assertThat(earlyReports(DemoScenarios.CSR_NOT_ISSUED)).as("the next scan reuses the report").hasSize(1);
		assertThat(earlyReports(DemoScenarios.HEALTHY)).isEmpty();
		assertThat(earlyReports(DemoScenarios.EXPIRED_SERVING)).as("a self-signed kubelet.crt, expired").hasSize(1);
	}

	@Test
	void aScanCostsThreeApiRequestsAndTwoKubeletReadsPerVerifiedKubelet() {
		scan();
		// the reports the first scan opened are diagnosed first: their requests are not the scan's
		await().atMost(Duration.ofSeconds(60)).until(() -> this.json.readTree(get("/api/v1/reports").body())
			.get("items")
			.valueStream()
			.noneMatch((r) -> List.of("QUEUED", "RUNNING").contains(r.get("status").asString())));
		this.cluster.clearRequests();
		JsonNode cluster = scan();
		long verified = 0;
		for (JsonNode node : cluster.get("nodes")) {
			verified += (node.get("reachable").asBoolean() && !node.get("servingSelfSigned").asBoolean()) ? 1 : 0;
		}
		List<String> requests = this.cluster.requests();
		assertThat(requests).as("one LIST each, whatever the number of nodes")
			.filteredOn((r) -> r.startsWith("GET /api/v1/nodes"))
			.hasSize(1);
		assertThat(requests).filteredOn((r) -> r.contains("certificatesigningrequests")).hasSize(1);
		assertThat(requests).as("the kubelets are read directly, not through the API server").hasSize(3);
		assertThat(cluster.get("apiRequests").asInt()).isEqualTo(requests.size());
		assertThat(this.cluster.kubeletRequests()).as("configz and metrics of each kubelet whose certificate verifies")
			.hasSizeLessThanOrEqualTo((int) (2 * verified))
			.isNotEmpty()
			.allSatisfy((request) -> assertThat(request.path()).isIn("/configz", "/metrics"));
	}

	@Test
	void thePageShowsCountsChartChecksAndEscapesCertificateNames() throws Exception {
		scan();
		String page = get("/fleet").body();
		assertThat(page).contains(DemoScenarios.HEALTHY, DemoScenarios.KUBELET_DOWN, "<svg", "cannot rotate",
				"4.2.10", "4.2.11", "SELF_SIGNED", "NOT_APPROVED", "CA expires in");
		// the issuer's DN escapes its own specials (RFC 4514); the page escapes the markup
		assertThat(page).doesNotContain("<script>window").contains("CN=\\&lt;script\\&gt;window.__xss");
		String filtered = get("/fleet?state=cannot-rotate").body();
		assertThat(filtered).contains(DemoScenarios.EXPIRED_SERVING).doesNotContain(">" + DemoScenarios.HEALTHY + "<");
		assertThat(get("/fleet?state=nonsense").statusCode()).isEqualTo(200);
	}

	@Test
	void gaugesFollowTheLatestScan() throws Exception {
		this.cluster.node(GONE).ready().apply();
		scan();
		String metrics = get("/actuator/prometheus").body();
		assertThat(metrics).contains("kubelet_doctor_certificate_expiry_timestamp_seconds{certificate=\"serving\","
				+ "cluster=\"test\",node=\"" + DemoScenarios.HEALTHY + "\"}")
			.contains("kubelet_doctor_certificate_rotation_ok{certificate=\"serving\",cluster=\"test\",node=\""
					+ DemoScenarios.EXPIRED_SERVING + "\"} 0.0")
			.contains("kubelet_doctor_certificate_expiry_timestamp_seconds{certificate=\"ca\",cluster=\"test\",node=\"\"}")
			.contains("node=\"" + GONE + "\"");
		assertThat(ruleMetrics()).as("every series the fleet alerts read is exported").isNotEmpty().allSatisfy(
				(name) -> assertThat(metrics).contains(name + "{"));
		this.cluster.client().nodes().withName(GONE).delete();
		scan();
		assertThat(get("/actuator/prometheus").body()).doesNotContain("node=\"" + GONE + "\"");
	}

	private static Set<String> ruleMetrics() throws Exception {
		String rule = Files.readString(Path.of("app", "prometheus-rule", "fleetrule.yaml"));
		Set<String> names = new TreeSet<>();
		Matcher matcher = Pattern.compile("kubelet_doctor_[a-z_]+").matcher(rule);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		return names;
	}

	/** Requests a scan with the page's form and waits until a newer scan is stored. */
	private JsonNode scan() {
		Instant before = Instant.now();
		HttpResponse<String> posted = send(HttpRequest.newBuilder(uri("/fleet/scan"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(posted.statusCode()).isEqualTo(302);
		assertThat(posted.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).contains("/fleet"));
		return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode clusters = this.json.readTree(get("/api/v1/fleet").body()).get("clusters");
			return clusters.isEmpty() ? null : clusters.get(0);
		}, (cluster) -> cluster != null && !Instant.parse(cluster.get("scannedAt").asString()).isBefore(before));
	}

	/** The node's reports opened by the fleet scan rather than by Alertmanager. */
	private List<JsonNode> earlyReports(String node) {
		List<JsonNode> reports = new ArrayList<>();
		this.json.readTree(get("/api/v1/reports?node=" + node).body()).get("items").forEach((report) -> {
			if (report.get("alerts").valueStream()
				.anyMatch((alert) -> EarlyDiagnoses.ALERTNAME.equals(alert.get("alertname").asString()))) {
				reports.add(report);
			}
		});
		return reports;
	}

	private static JsonNode node(JsonNode cluster, String name) {
		for (JsonNode node : cluster.get("nodes")) {
			if (name.equals(node.get("node").asString())) {
				return node;
			}
		}
		throw new AssertionError("node " + name + " not in the scan");
	}

	private static JsonNode certificate(JsonNode node, String role) {
		for (JsonNode certificate : node.get("certificates")) {
			if (role.equals(certificate.get("role").asString())) {
				return certificate;
			}
		}
		throw new AssertionError("no " + role + " certificate for " + node.get("node"));
	}

	private static List<String> checks(JsonNode node) {
		List<String> checks = new ArrayList<>();
		node.get("checks").forEach((check) -> checks.add(check.get("id").asString() + "=" + check.get("result").asString()));
		return checks;
	}

	private HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	/** With the read token, as a script or a bot reading the fleet would send it. */
	private HttpResponse<String> send(HttpRequest request) {
		HttpRequest authorized = HttpRequest.newBuilder(request, (name, value) -> true)
			.header("Authorization", "Bearer " + Webhook.READ_TOKEN)
			.build();
		try {
			return this.http.send(authorized, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
