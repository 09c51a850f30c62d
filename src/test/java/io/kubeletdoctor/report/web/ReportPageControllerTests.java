package io.kubeletdoctor.report.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.kubeletdoctor.report.Report.AlertStatus;
import io.kubeletdoctor.report.ReportQuery;
import io.kubeletdoctor.report.ReportStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(ReportPageController.class)
@Import(ReportWebTestConfiguration.class)
class ReportPageControllerTests {

	private static final String REFRESH = "<meta http-equiv=\"refresh\" content=\"3\">";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private InMemoryReports reports;

	@BeforeEach
	void emptyStore() {
		this.reports.clear();
	}

	@Test
	void rootRedirectsToTheList() {
		assertThat(this.mvc.get().uri("/")).hasStatus3xxRedirection().hasRedirectedUrl("/reports");
	}

	@Test
	void detailPutsTheVerdictFirstThenTheCommands() {
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		String html = page("/reports/r1");
		assertThat(html).contains("node-1", "Kubelet client certificate expired", "CLIENT_CERT_EXPIRED",
				"HIGH confidence", "The kubelet can no longer authenticate to the API server.",
				"client certificate expired 3 days ago");
		assertThat(html).contains("<pre data-copy data-copy-label=\"Re-bootstrap the kubelet\"><code>"
				+ ReportFixtures.REBOOTSTRAP + "\n" + ReportFixtures.RESTART + "</code></pre>");
		assertThat(html).containsSubsequence("Kubelet client certificate expired", "expired 3 days ago",
				ReportFixtures.REBOOTSTRAP, "client certificate NotAfter is in the past",
				"a client certificate that is still valid on the node", "Other possible causes",
				"Certificate timeline", "CN=system:node:node-1", "csr-7xk2p", "Ready is Unknown",
				"KubeletClientCertificateExpiration");
	}

	@Test
	void detailShowsStepsFactsAndManualCommandAndTheRawJsonLink() {
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		String html = page("/reports/r1");
		assertThat(html).contains("<th scope=\"row\">leaseAgeSeconds</th>", ReportFixtures.UNREACHABLE_NO_SCHEDULE + ", " + ReportFixtures.UNREACHABLE_NO_EXECUTE, "42 ms",
				"1.5 s", "<code>journalctl -u kubelet --since -2h</code></pre>",
				"href=\"/api/v1/reports/r1\"", "2 hours", "kubernetes.io/kube-apiserver-client-kubelet");
	}

	@Test
	void timeToImpactLooksAheadWhenNothingHasExpiredYet() {
		this.reports.add(ReportFixtures.servingCertExpiring("r2"));
		assertThat(page("/reports/r2")).contains("client certificate expires in 41 hours")
			.contains("href=\"" + ReportFixtures.GENERATOR_URL.replace("&", "&amp;") + "\"");
	}

	@Test
	void alertTextIsEscapedAndScriptUrlsAreNotLinked() {
		this.reports.add(ReportFixtures.hostileAlert("evil"));
		String html = page("/reports/evil");
		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
			.doesNotContain("<img", "<script>")
			.contains("<span>javascript:alert(document.cookie)</span>")
			.doesNotContain("href=\"javascript:");
		assertThat(html.split("<script", -1)).as("only the page's own script file").hasSize(2);
		assertThat(html).contains("<script src=\"/js/kubelet-doctor.js\" defer></script>");
	}

	@Test
	void runningReportRefreshesItselfAndCompletedDoesNot() {
		this.reports.add(ReportFixtures.running("busy"), ReportFixtures.clientCertExpired("done"));
		assertThat(page("/reports/busy")).contains(REFRESH).contains("Diagnosis in progress");
		assertThat(page("/reports/done")).doesNotContain("http-equiv=\"refresh\"");
	}

	@Test
	void clusterReportSaysClusterWideAndLinksTheAffectedNodes() {
		this.reports.add(ReportFixtures.clusterSweep("sweep", "r1"));
		assertThat(page("/reports/sweep")).contains("cluster-wide", "Affected nodes",
				"<a href=\"/reports/r1\">node-1</a>");
	}

	@Test
	void unknownReportIsANotFoundPage() {
		MvcTestResult result = this.mvc.get().uri("/reports/missing").exchange();
		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasViewName(ReportPageController.NOT_FOUND_VIEW);
		assertThat(result).bodyText().contains("Report not found", "<code>missing</code>");
	}

	@Test
	void emptyListSaysSo() {
		assertThat(page("/reports")).contains("No reports yet.").doesNotContain("<table");
	}

	@Test
	void emptyFilteredListSaysNothingMatches() {
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		assertThat(page("/reports?node=node-9")).contains("No reports match these filters.");
	}

	@Test
	void listShowsOneRowPerReportNewestFirst() {
		this.reports.add(
				ReportFixtures.node("old", "node-old", ReportStatus.FAILED, ReportFixtures.NOW.minus(Duration.ofDays(4))),
				ReportFixtures.clusterSweep("sweep", "old"));
		assertThat(page("/reports")).containsSubsequence("href=\"/reports/sweep\"", "cluster-wide",
				"Kubelet client certificate expired", "CLIENT_CERT_EXPIRED", "HIGH", "COMPLETED", "FIRING",
				"0 seconds ago", "href=\"/reports/old\"", "node-old", "badge status-failed", "4 days ago");
	}

	@Test
	void listPassesItsFiltersToTheStore() {
		page("/reports?cluster=prod&node=Node-1&status=running&rootCause=CA_EXPIRED&alertStatus=resolved");
		assertThat(this.reports.lastQuery()).isEqualTo(new ReportQuery("prod", null, ReportStatus.RUNNING,
				"CA_EXPIRED", ReportPageController.PAGE_SIZE + 1, AlertStatus.RESOLVED, "Node-1", 0));
	}

	@Test
	void listIgnoresAnUnknownStatusAndSaysWhy() {
		String html = page("/reports?status=BROKEN");
		assertThat(html).contains("Parameter &#39;status&#39; must be one of");
		assertThat(this.reports.lastQuery()).extracting(ReportQuery::status).isNull();
	}

	@Test
	void stylesheetIsServedLocally() {
		assertThat(this.mvc.get().uri("/css/kubelet-doctor.css")).hasStatusOk().bodyText().contains(".badge");
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		assertThat(page("/reports/r1")).contains("href=\"/css/kubelet-doctor.css\"");
	}

	private String page(String uri) {
		MvcTestResult result = this.mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}
