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

/** The list page: search, the alert filter, paging and unfinished reports. */
@WebMvcTest(ReportPageController.class)
@Import(ReportWebTestConfiguration.class)
class ReportListPageTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private InMemoryReports reports;

	@BeforeEach
	void emptyStore() {
		this.reports.clear();
	}

	@Test
	void nodeSearchMatchesPartOfTheNameInAnyCase() {
		this.reports.add(ReportFixtures.node("a", "Worker-Pool-A-1", ReportStatus.COMPLETED, ReportFixtures.NOW),
				ReportFixtures.node("b", "control-plane-1", ReportStatus.COMPLETED, ReportFixtures.NOW));
		String html = page("/reports?node=pool-a");
		assertThat(html).contains("Worker-Pool-A-1").doesNotContain("control-plane-1");
		assertThat(html).contains("value=\"pool-a\"");
	}

	@Test
	void alertFilterKeepsResolvedOrFiringReports() {
		this.reports.add(ReportFixtures.resolved("calm", "node-calm", ReportFixtures.NOW),
				ReportFixtures.node("loud", "node-loud", ReportStatus.COMPLETED, ReportFixtures.NOW));
		assertThat(page("/reports?alertStatus=resolved")).contains("node-calm").doesNotContain("node-loud")
			.contains("<option value=\"RESOLVED\" selected=\"selected\">resolved</option>");
		assertThat(page("/reports?alertStatus=FIRING")).contains("node-loud").doesNotContain("node-calm");
		assertThat(page("/reports?alertStatus=gone")).contains("Parameter &#39;alertStatus&#39; must be one of");
	}

	@Test
	void pagesOfTwentyFiveKeepTheFilters() {
		for (int i = 0; i < 30; i++) {
			this.reports.add(ReportFixtures.node("r" + i, String.format("node-%02d", i), ReportStatus.COMPLETED,
					ReportFixtures.NOW.minus(Duration.ofMinutes(i))));
		}
		String first = page("/reports?node=node&cluster=prod");
		assertThat(first).contains("node-00", "node-24").doesNotContain("node-25", "rel=\"prev\"");
		assertThat(first).contains("href=\"/reports?cluster=prod&amp;node=node&amp;page=2\" rel=\"next\"");
		String second = page("/reports?node=node&cluster=prod&page=2");
		assertThat(second).contains("node-25", "node-29", "Page 2").doesNotContain("node-24", "rel=\"next\"");
		assertThat(second).contains("href=\"/reports?cluster=prod&amp;node=node&amp;page=1\" rel=\"prev\"");
		assertThat(this.reports.lastQuery().offset()).isEqualTo(25);
	}

	@Test
	void pageBeyondTheLastSaysSoAndNonsensePagesAreTheFirst() {
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		assertThat(page("/reports?page=9")).contains("No more reports on this page.");
		page("/reports?page=zero");
		assertThat(this.reports.lastQuery().offset()).isZero();
	}

	@Test
	void unfinishedReportsShowTheirProgressAndTheListRefreshes() {
		Report queued = ReportFixtures.queued("q", ReportFixtures.NOW.minus(Duration.ofSeconds(12)));
		this.reports.add(queued, ReportFixtures.running("busy"));
		String html = page("/reports");
		assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"3\">",
				"Queued for 12 seconds, waiting for its cluster&#39;s drain", "Running the playbook for 1 second");
		this.reports.clear();
		this.reports.add(ReportFixtures.clientCertExpired("done"));
		assertThat(page("/reports")).doesNotContain("http-equiv=\"refresh\"");
	}

	@Test
	void everyInputHasALabelAndEveryColumnHeaderAScope() {
		this.reports.add(ReportFixtures.clientCertExpired("r1"));
		String html = page("/reports");
		for (String id : new String[] { "filter-node", "filter-cluster", "filter-root-cause", "filter-alert",
				"filter-status" }) {
			assertThat(html).contains("<label for=\"" + id + "\">").contains("id=\"" + id + "\"");
		}
		assertThat(html).doesNotContain("<th>");
	}

	private String page(String uri) {
		MvcTestResult result = this.mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}
