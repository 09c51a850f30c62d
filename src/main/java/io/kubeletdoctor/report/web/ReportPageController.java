package io.kubeletdoctor.report.web;

import java.time.Clock;
import java.util.Map;

import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportQuery;
import io.kubeletdoctor.report.ReportStatus;
import io.kubeletdoctor.report.Reports;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The report pages on-call engineers open from chat: the list and one report, verdict first. */
@Controller
class ReportPageController {

	static final String LIST_VIEW = "reports/list";

	static final String DETAIL_VIEW = "reports/detail";

	static final String NOT_FOUND_VIEW = "reports/notFound";

	static final int LIST_SIZE = 100;

	private final Reports reports;

	private final Clock clock;

	ReportPageController(Reports reports, ObjectProvider<Clock> clock) {
		this.reports = reports;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@GetMapping("/")
	String home() {
		return "redirect:/reports";
	}

	@GetMapping("/reports")
	String list(@RequestParam(required = false) @Nullable String cluster,
			@RequestParam(required = false) @Nullable String node,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String rootCause, Model model) {
		ReportStatus statusFilter = null;
		try {
			statusFilter = ReportFilters.status(status);
		}
		catch (InvalidReportParameterException ex) {
			// a hand-edited URL: say so and list without that filter rather than fail the page
			model.addAttribute("filterError", ex.getMessage());
		}
		ReportQuery query = new ReportQuery(ReportFilters.text(cluster), ReportFilters.text(node), statusFilter,
				ReportFilters.rootCause(rootCause), LIST_SIZE);
		model.addAttribute("reports", this.reports.search(query));
		model.addAttribute("query", query);
		model.addAttribute("filtered", query.cluster() != null || query.node() != null || query.status() != null
				|| query.rootCause() != null);
		model.addAttribute("statuses", ReportStatus.values());
		model.addAttribute("rootCauses", RootCauseCode.values());
		model.addAttribute("fmt", formatter());
		return LIST_VIEW;
	}

	@GetMapping("/reports/{id}")
	ModelAndView show(@PathVariable String id) {
		return this.reports.find(id)
			.map((report) -> new ModelAndView(DETAIL_VIEW,
					Map.of("report", report, "inProgress", inProgress(report), "fmt", formatter())))
			.orElseGet(() -> new ModelAndView(NOT_FOUND_VIEW, Map.of("id", id), HttpStatus.NOT_FOUND));
	}

	/** Queued and running reports refresh themselves until the playbook has finished. */
	private static boolean inProgress(Report report) {
		return report.status() == ReportStatus.QUEUED || report.status() == ReportStatus.RUNNING;
	}

	private ReportFormatter formatter() {
		return new ReportFormatter(this.clock.instant());
	}

}
