package io.kubeletdoctor.report.web;

import java.time.Duration;
import java.util.List;

import io.kubeletdoctor.report.Report.AlertStatus;
import io.kubeletdoctor.report.ReportQuery;
import io.kubeletdoctor.report.ReportStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.AbstractJsonContentAssert;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(ReportApiController.class)
@Import(ReportWebTestConfiguration.class)
class ReportApiControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private InMemoryReports reports;

	@BeforeEach
	void emptyStore() {
		this.reports.clear();
	}

	@Test
	void fullReportHasEveryFieldOfTheContract() {
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		AbstractJsonContentAssert<?> json = assertThat(this.mvc.get().uri("/api/v1/reports/r1")).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson();
		json.extractingPath("$").asMap()
			.containsKeys("id", "cluster", "node", "scope", "status", "alertStatus", "alerts", "playbook", "rootCause",
					"otherCauses", "steps", "certificates", "certificateRequests", "affectedNodes", "causes", "createdAt",
					"startedAt", "completedAt", "links");
		json.extractingPath("$.alerts[0]").asMap()
			.containsKeys("alertname", "fingerprint", "status", "startsAt", "endsAt", "labels", "annotations");
		json.extractingPath("$.rootCause").asMap()
			.containsKeys("code", "title", "confidence", "summary", "evidence", "refutedBy", "remediation");
		json.extractingPath("$.rootCause.remediation[0]").asMap().containsKeys("title", "commands");
		json.extractingPath("$.otherCauses[0]").asMap().containsKeys("code", "title", "confidence", "remediation");
		json.extractingPath("$.steps[0]").asMap()
			.containsKeys("id", "title", "status", "summary", "facts", "durationMs");
		json.extractingPath("$.certificates[0]").asMap()
			.containsKeys("role", "subject", "issuer", "notBefore", "notAfter", "source");
		json.extractingPath("$.certificateRequests[0]").asMap()
			.containsKeys("name", "signerName", "username", "condition", "ageSeconds", "subject", "sans", "usages",
					"issuedNotAfter", "message");
		json.extractingPath("$.links").asMap().containsEntry("html", "/reports/r1")
			.containsEntry("json", "/api/v1/reports/r1");
	}

	@Test
	void fullReportCarriesValuesInTheirContractForm() {
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		AbstractJsonContentAssert<?> json = assertThat(this.mvc.get().uri("/api/v1/reports/r1")).hasStatusOk().bodyJson();
		json.extractingPath("$.node").isEqualTo("node-1");
		json.extractingPath("$.scope").isEqualTo("NODE");
		json.extractingPath("$.rootCause.code").isEqualTo("CLIENT_CERT_EXPIRED");
		json.extractingPath("$.rootCause.confidence").isEqualTo("HIGH");
		json.extractingPath("$.rootCause.remediation[0].commands[1]").isEqualTo(ReportFixtures.RESTART);
		json.extractingPath("$.steps[1].status").isEqualTo("UNAVAILABLE");
		json.extractingPath("$.steps[0].durationMs").isEqualTo(42);
		json.extractingPath("$.steps[0].facts.leaseAgeSeconds").isEqualTo(259200);
		json.extractingPath("$.certificateRequests[0].condition").isEqualTo("PENDING");
		json.extractingPath("$.certificateRequests[0].ageSeconds").isEqualTo(7200);
		// Instants as ISO-8601 text, never epoch numbers
		json.extractingPath("$.createdAt").isEqualTo("2025-06-01T11:00:00Z");
		json.extractingPath("$.alerts[0].startsAt").isEqualTo("2025-06-01T10:30:00Z");
		json.extractingPath("$.certificates[0].notAfter").isEqualTo("2025-05-29T12:00:00Z");
	}

	@Test
	void clusterReportHasAnExplicitNullNodeAndItsAffectedNodes() {
		this.reports.add(ReportFixtures.clusterSweep("sweep", "r1"));
		AbstractJsonContentAssert<?> json = assertThat(this.mvc.get().uri("/api/v1/reports/sweep")).hasStatusOk().bodyJson();
		json.extractingPath("$").asMap().containsEntry("node", null).containsEntry("scope", "CLUSTER");
		json.extractingPath("$.affectedNodes[0]").asMap()
			.containsEntry("node", "node-1")
			.containsEntry("reportId", "r1")
			.containsEntry("rootCauseCode", "CLIENT_CERT_EXPIRED");
		json.extractingPath("$.causes[0]").asMap()
			.containsEntry("code", "CLIENT_CERT_EXPIRED")
			.containsEntry("confidence", "HIGH")
			.containsEntry("nodes", List.of("node-1"));
	}

	@Test
	void unknownReportIsANotFoundProblem() {
		AbstractJsonContentAssert<?> json = assertThat(this.mvc.get().uri("/api/v1/reports/missing"))
			.hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson();
		json.extractingPath("$.status").isEqualTo(404);
		json.extractingPath("$.title").isEqualTo("Report not found");
		json.extractingPath("$.detail").asString().contains("missing");
		json.extractingPath("$.instance").isEqualTo("/api/v1/reports/missing");
	}

	@Test
	void listReturnsSummariesNewestFirstWithoutTheBulkyParts() {
		this.reports.add(ReportFixtures.node("older", "node-1", ReportStatus.COMPLETED,
				ReportFixtures.NOW.minus(Duration.ofDays(1))));
		this.reports.add(ReportFixtures.node("newer", "node-2", ReportStatus.COMPLETED, ReportFixtures.NOW));
		AbstractJsonContentAssert<?> json = assertThat(this.mvc.get().uri("/api/v1/reports")).hasStatusOk().bodyJson();
		json.extractingPath("$.items[*].id").asArray().containsExactly("newer", "older");
		json.extractingPath("$.items[0]").asMap()
			.containsKeys("id", "cluster", "node", "scope", "status", "alertStatus", "alerts", "playbook",
					"rootCause", "otherCauses", "affectedNodes", "causes", "createdAt", "startedAt", "completedAt",
					"links")
			.doesNotContainKeys("steps", "certificates", "certificateRequests");
		json.extractingPath("$.items[0].rootCause.code").isEqualTo("CLIENT_CERT_EXPIRED");
		json.extractingPath("$.items[0].createdAt").isEqualTo("2025-06-01T12:00:00Z");
	}

	@Test
	void listPassesEveryFilterToTheStore() {
		this.reports.add(ReportFixtures.node("a", "node-1", ReportStatus.COMPLETED, ReportFixtures.NOW),
				ReportFixtures.node("b", "node-2", ReportStatus.COMPLETED, ReportFixtures.NOW));
		assertThat(this.mvc.get()
			.uri("/api/v1/reports?cluster=prod&node=node-2&status=completed&rootCause=client_cert_expired&limit=20"))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[*].id")
			.asArray()
			.containsExactly("b");
		assertThat(this.reports.lastQuery())
			.isEqualTo(new ReportQuery("prod", "node-2", ReportStatus.COMPLETED, "CLIENT_CERT_EXPIRED", 20));
	}

	@Test
	void listFiltersOnTheAlertStatus() {
		this.reports.add(ReportFixtures.resolved("calm", "node-1", ReportFixtures.NOW),
				ReportFixtures.node("loud", "node-2", ReportStatus.COMPLETED, ReportFixtures.NOW));
		assertThat(this.mvc.get().uri("/api/v1/reports?alertStatus=resolved")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[*].id")
			.asArray()
			.containsExactly("calm");
		assertThat(this.reports.lastQuery()).extracting(ReportQuery::alertStatus).isEqualTo(AlertStatus.RESOLVED);
	}

	@Test
	void listWithoutParametersAsksForTheDefaultLimitAndNoFilter() {
		assertThat(this.mvc.get().uri("/api/v1/reports?cluster=&status=")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items")
			.asArray()
			.isEmpty();
		assertThat(this.reports.lastQuery()).isEqualTo(ReportQuery.latest(50));
	}

	@Test
	void largestLimitIsAccepted() {
		assertThat(this.mvc.get().uri("/api/v1/reports?limit=500")).hasStatusOk();
		assertThat(this.reports.lastQuery()).extracting(ReportQuery::limit).isEqualTo(500);
	}

	@ParameterizedTest
	@CsvSource({ "status=DONE, status", "status=42, status", "alertStatus=DONE, alertStatus", "limit=0, limit", "limit=501, limit",
			"limit=ten, limit", "limit=-1, limit" })
	void invalidParameterIsABadRequestProblemNamingIt(String query, String parameter) {
		AbstractJsonContentAssert<?> json = assertThat(this.mvc.get().uri("/api/v1/reports?" + query))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson();
		json.extractingPath("$.status").isEqualTo(400);
		json.extractingPath("$.parameter").isEqualTo(parameter);
		json.extractingPath("$.detail").asString().contains("'" + parameter + "'");
		assertThat(this.reports.lastQuery()).isNull();
	}

}
