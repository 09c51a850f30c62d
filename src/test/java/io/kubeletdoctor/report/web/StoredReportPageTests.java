package io.kubeletdoctor.report.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.StepOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps as reports stored before step facts became records hold them (the documents under
 * {@code io/kubeletdoctor/report/stored}): the page still words them, and the JSON API serves them
 * as they were stored.
 */
@WebMvcTest({ ReportPageController.class, ReportApiController.class })
@Import(ReportWebTestConfiguration.class)
class StoredReportPageTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private InMemoryReports reports;

	@Autowired
	private JsonMapper json;

	@BeforeEach
	void emptyStore() {
		this.reports.clear();
	}

	@Test
	void storedNodeReportReadsAsWords() throws IOException {
		this.reports.add(withStoredSteps("r1", "worker-client-expired"));

		String html = page("/reports/r1");

		assertThat(html).containsSubsequence("Node Lease", "stale, the kubelet is not reaching the API server",
				"Client certificate TTL (metrics)", "+Inf: no valid client certificate",
				"NO_VALID_CLIENT_CERTIFICATE", "CSRs for the node", "1 (1 issued)",
				"Serving certificate signed by the bundle", "yes", "create certificatesigningrequests",
				"All facts (11)", "<th scope=\"row\">kubeadmBindingsMissing</th>");
	}

	@Test
	void storedStepsThatGatheredNothingOrWereUndecidedReadAsBefore() throws IOException {
		this.reports.add(withStoredSteps("r1", "worker-kubelet-down"));
		this.reports.add(withStoredSteps("r2", "worker-expired-serving"));
		this.reports.add(withStoredSteps("r3", "worker-never"));

		assertThat(page("/reports/r1")).contains("Last NodeNotReady", "29 minutes ago",
				"127.0.0.1:49349: refused (Connection refused)");
		assertThat(page("/reports/r2")).contains("Serving certificate signed by the bundle", "undecided",
				"self-generated kubelet.crt, never rotated");
		assertThat(page("/reports/r3")).contains("not found in the cluster", "All facts (1)");
	}

	@Test
	void storedSweepKeepsItsRawFacts() throws IOException {
		this.reports.add(withStoredSteps("r1", "sweep"));

		assertThat(page("/reports/r1")).contains("<th scope=\"row\">nodesWithKubeletPortFailing</th>",
				"worker-client-expired, worker-kubelet-down");
	}

	@Test
	void apiServesStoredStepsAsTheyWereStored() throws IOException {
		for (String name : List.of("worker-client-expired", "worker-kubelet-down", "worker-never", "sweep")) {
			this.reports.clear();
			this.reports.add(withStoredSteps("r1", name));

			byte[] body = this.mvc.get().uri("/api/v1/reports/r1").exchange().getResponse().getContentAsByteArray();

			assertThat(this.json.readTree(body).get("steps")).as(name).isEqualTo(storedSteps(name));
		}
	}

	private Report withStoredSteps(String id, String document) throws IOException {
		List<StepOutcome> steps = this.json.readValue(storedSteps(document).toString(),
				new TypeReference<List<StepOutcome>>() {
				});
		Report r = ReportFixtures.clientCertExpired(id);
		return new Report(r.id(), r.cluster(), r.node(), r.scope(), r.status(), r.alertStatus(), r.alerts(),
				r.playbook(), r.rootCause(), r.otherCauses(), steps, r.certificates(), r.certificateRequests(),
				r.affectedNodes(), r.causes(), r.createdAt(), r.startedAt(), r.completedAt(), r.links());
	}

	private JsonNode storedSteps(String document) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/io/kubeletdoctor/report/stored/" + document + ".json")) {
			assertThat(in).as(document).isNotNull();
			return this.json.readTree(in).get("steps");
		}
	}

	private String page(String uri) {
		MvcTestResult result = this.mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}
