package io.kubeletdoctor.report.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The report page beyond the verdict: unfurl metadata, timeline, readable steps, links, history. */
@WebMvcTest(ReportPageController.class)
@Import(ReportWebTestConfiguration.class)
class ReportDetailPageTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private InMemoryReports reports;

	@BeforeEach
	void emptyStore() {
		this.reports.clear();
	}

	@Test
	void linkPreviewCarriesTheVerdict() {
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		String html = page("/reports/r1");
		String title = "node-1: Kubelet client certificate expired (HIGH) · kubelet-doctor";
		assertThat(html).contains("<title>" + title + "</title>",
				"<meta property=\"og:title\" content=\"" + title + "\">",
				"<meta property=\"og:type\" content=\"article\">",
				"<meta property=\"og:url\" content=\"/reports/r1\">",
				"<meta name=\"description\" content=\"HIGH confidence (CLIENT_CERT_EXPIRED) on node-1 in cluster prod. "
						+ "The client certificate expired 3 days ago. The kubelet can no longer authenticate",
				"<meta property=\"og:description\" content=\"HIGH confidence (CLIENT_CERT_EXPIRED) on node-1");
	}

	@Test
	void unfinishedReportPreviewSaysSo() {
		this.reports.add(ReportFixtures.running("busy"));
		assertThat(page("/reports/busy")).contains("<title>node-1: diagnosis in progress · kubelet-doctor</title>",
				"Running the playbook for");
	}

	@Test
	void scriptsMayOnlyComeFromTheServiceItself() {
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		assertThat(page("/reports/r1")).contains("content=\"default-src 'none'; script-src 'self'; style-src 'self';")
			.doesNotContain("unsafe-inline", " style=\"", "onclick");
		assertThat(this.mvc.get().uri("/js/kubelet-doctor.js")).hasStatusOk().bodyText().contains("data-copy",
				"textContent");
	}

	@Test
	void timelineDrawsLifetimeRotationWindowAndNow() {
		this.reports.add(ReportFixtures.servingCertExpiring("r2"));
		String html = page("/reports/r2");
		assertThat(html).contains("Certificate timeline", "class=\"rotation\"", "class=\"now\"", "Rotation window",
				"aria-label=\"Client certificate: expires in 41 hours; past its rotation window without being renewed\"");
		assertThat(html).containsSubsequence("Client certificate", "Cluster CA");
	}

	@Test
	void stepFactsReadAsWordsWithTheRawFactsOneClickAway() {
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		assertThat(page("/reports/r1")).containsSubsequence("Node Lease", "renewed 3 days ago", "All facts (11)",
				"<th scope=\"row\">leaseAgeSeconds</th>");
	}

	@Test
	void runbookSourceAndAlertmanagerAreLinked() {
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		this.reports.alertmanagerUrl("r1", "http://alertmanager.example:9093");
		String html = page("/reports/r1");
		assertThat(html).contains("<a href=\"https://runbooks.example/kubelet\" rel=\"noopener noreferrer nofollow\">Runbook</a>",
				">Alert source in Prometheus</a>", "href=\"http://alertmanager.example:9093/#/alerts?filter=",
				">Alertmanager</a>", "<a href=\"/api/v1/reports/r1\" type=\"application/json\">Raw JSON</a>");
	}

	@Test
	void hostileRunbookIsNotALink() {
		this.reports.add(ReportFixtures.hostileAlert("evil"));
		this.reports.alertmanagerUrl("evil", "javascript:alert(3)");
		String html = page("/reports/evil");
		assertThat(html).contains("javascript:alert(2)").doesNotContain(">Runbook</a>", ">Alertmanager</a>",
				"href=\"javascript:");
	}

	@Test
	void earlierReportsForTheNodeAreListedAndANewerOneIsAnnounced() {
		this.reports.add(ReportFixtures.node("old", "node-1", ReportStatus.COMPLETED,
				ReportFixtures.NOW.minus(Duration.ofDays(2))),
				ReportFixtures.node("middle", "node-1", ReportStatus.COMPLETED,
						ReportFixtures.NOW.minus(Duration.ofDays(1))),
				ReportFixtures.node("new", "node-1", ReportStatus.FAILED, ReportFixtures.NOW),
				ReportFixtures.node("elsewhere", "node-2", ReportStatus.COMPLETED,
						ReportFixtures.NOW.minus(Duration.ofDays(3))));
		String html = page("/reports/middle");
		assertThat(html).contains("A newer report exists for this node", "href=\"/reports/new\"",
				"href=\"/reports/old\"", "48 hours ago")
			.doesNotContain("href=\"/reports/elsewhere\"");
		assertThat(page("/reports/old")).contains("None: this is the first report for");
	}

	@Test
	void clusterReportShowsEachAffectedNodesVerdict() {
		this.reports.add(ReportFixtures.clusterSweep("sweep", "child"), ReportFixtures.clientCertExpired("child"));
		String html = page("/reports/sweep");
		assertThat(html).containsSubsequence("Cluster-wide", "Causes by node", "Kubelet client certificate expired",
				"CLIENT_CERT_EXPIRED", "HIGH", "<a href=\"/reports/child\">node-1</a>", "Fix", ReportFixtures.REBOOTSTRAP,
				"Affected nodes", "<a href=\"/reports/child\">node-1</a>", "Kubelet client certificate expired",
				"CLIENT_CERT_EXPIRED", "HIGH", "COMPLETED");
		assertThat(html).doesNotContain("Previous reports for this node", "id=\"fix-title\"");
	}

	@Test
	void clusterReportShowsEveryGroupWithItsNodesAndItsOwnFix() {
		this.reports.add(ReportFixtures.mixedClusterSweep("lab"));
		String html = page("/reports/lab");
		assertThat(html).containsSubsequence("3 of 5 nodes: Kubelet client certificate expired",
				"<a href=\"/reports/r-a\">lab-a</a>", "<a href=\"/reports/r-b\">lab-b</a>",
				"<a href=\"/reports/r-c\">lab-c</a>", "The commands are written for lab-a", "Re-bootstrap lab-a",
				"1 of 5 nodes: Serving certificate expired", "<a href=\"/reports/r-e\">lab-e</a>",
				"Renew the serving certificate of lab-e", "1 of 5 nodes: Kubelet not running", "MEDIUM",
				"<a href=\"/reports/r-d\">lab-d</a>", "Start the kubelet on lab-d", "Affected nodes");
		// a group of one node needs no word on repeating its commands
		assertThat(html.split("The commands are written for", -1)).hasSize(2);
	}

	@Test
	void clusterReportWithoutGroupsShowsTheHeadlineFix() {
		Report stored = ReportFixtures.clusterSweep("sweep", "child");
		this.reports.add(new Report(stored.id(), stored.cluster(), stored.node(), stored.scope(), stored.status(),
				stored.alertStatus(), stored.alerts(), stored.playbook(), stored.rootCause(), stored.otherCauses(),
				stored.steps(), stored.certificates(), stored.certificateRequests(), stored.affectedNodes(), null,
				stored.createdAt(), stored.startedAt(), stored.completedAt(), stored.links()));
		assertThat(page("/reports/sweep")).contains("Affected nodes", "id=\"fix-title\"", ReportFixtures.REBOOTSTRAP)
			.doesNotContain("Causes by node");
	}

	private String page(String uri) {
		MvcTestResult result = this.mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}
