package io.kubeletdoctor.report.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.web.util.UriComponentsBuilder;

/** The report pages on-call engineers open from chat: the list and one report, verdict first. */
@Controller
class ReportPageController {

	static final String LIST_VIEW = "reports/list";

	static final String DETAIL_VIEW = "reports/detail";

	static final String NOT_FOUND_VIEW = "reports/notFound";

	static final int PAGE_SIZE = 25;

	/** Seconds between reloads of a page that shows unfinished reports. */
	static final int REFRESH_SECONDS = 3;

	static final int OTHER_REPORTS = 5;

	private static final int MAX_AFFECTED_LOOKUPS = 100;

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
			@RequestParam(required = false) @Nullable String rootCause,
			@RequestParam(required = false) @Nullable String alertStatus,
			@RequestParam(required = false) @Nullable String page, Model model) {
		List<String> errors = new ArrayList<>();
		// a hand-edited URL: say so and list without that filter rather than fail the page
		ReportStatus statusFilter = null;
		try {
			statusFilter = ReportFilters.status(status);
		}
		catch (InvalidReportParameterException ex) {
			errors.add(ex.getMessage());
		}
		Report.AlertStatus alertFilter = null;
		try {
			alertFilter = ReportFilters.alertStatus(alertStatus);
		}
		catch (InvalidReportParameterException ex) {
			errors.add(ex.getMessage());
		}
		int pageNumber = ReportFilters.page(page);
		// the node box is a search: part of a name, any letter case
		ReportQuery query = new ReportQuery(ReportFilters.text(cluster), null, statusFilter,
				ReportFilters.rootCause(rootCause), PAGE_SIZE + 1, alertFilter, ReportFilters.text(node),
				(pageNumber - 1) * PAGE_SIZE);
		List<Report> found = this.reports.search(query);
		List<Report> shown = found.subList(0, Math.min(PAGE_SIZE, found.size()));
		boolean inProgress = shown.stream().anyMatch(ReportPageController::inProgress);
		model.addAttribute("reports", shown);
		model.addAttribute("query", query);
		model.addAttribute("filtered", query.cluster() != null || query.nodeContains() != null
				|| query.status() != null || query.rootCause() != null || query.alertStatus() != null);
		model.addAttribute("filterError", errors.isEmpty() ? null : String.join(" ", errors));
		model.addAttribute("page", pageNumber);
		model.addAttribute("previousPage", (pageNumber > 1) ? pageLink(query, pageNumber - 1) : null);
		model.addAttribute("nextPage", (found.size() > PAGE_SIZE) ? pageLink(query, pageNumber + 1) : null);
		model.addAttribute("refresh", inProgress ? REFRESH_SECONDS : null);
		model.addAttribute("statuses", ReportStatus.values());
		model.addAttribute("alertStatuses", Report.AlertStatus.values());
		model.addAttribute("rootCauses", RootCauseCode.values());
		model.addAttribute("fmt", formatter());
		return LIST_VIEW;
	}

	@GetMapping("/reports/{id}")
	ModelAndView show(@PathVariable String id) {
		return this.reports.find(id)
			.map(this::detail)
			.orElseGet(() -> new ModelAndView(NOT_FOUND_VIEW, Map.of("id", id), HttpStatus.NOT_FOUND));
	}

	private ModelAndView detail(Report report) {
		ReportFormatter fmt = formatter();
		ModelAndView page = new ModelAndView(DETAIL_VIEW);
		page.addObject("report", report);
		page.addObject("inProgress", inProgress(report));
		page.addObject("refresh", inProgress(report) ? REFRESH_SECONDS : null);
		page.addObject("fmt", fmt);
		page.addObject("preview", LinkPreview.of(report, fmt));
		page.addObject("timelines", CertificateTimeline.of(report.certificates(), fmt.now()));
		page.addObject("steps", StepViews.of(report.steps(), fmt));
		page.addObject("links", ExternalLinks.of(report, this.reports.alertmanagerUrl(report.id()).orElse(null)));
		page.addObject("affected", affected(report));
		page.addObject("causeGroups", CauseGroupView.of(report));
		OtherReports others = otherReports(report);
		page.addObject("earlier", others.earlier());
		page.addObject("newer", others.newest());
		return page;
	}

	/** The affected nodes of a sweep with their own verdicts, read from their reports. */
	private List<AffectedNodeView> affected(Report report) {
		if (report.affectedNodes() == null) {
			return List.of();
		}
		List<AffectedNodeView> views = new ArrayList<>();
		for (Report.AffectedNode node : report.affectedNodes()) {
			Report own = (views.size() < MAX_AFFECTED_LOOKUPS) ? this.reports.find(node.reportId()).orElse(null) : null;
			views.add(new AffectedNodeView(node, own));
		}
		return views;
	}

	/**
	 * Reports for the same cluster and node: the few before this one, and the newest after it, so
	 * whoever opens an old link from chat sees at once that a fresher diagnosis exists.
	 */
	private OtherReports otherReports(Report report) {
		if (report.node() == null) {
			return new OtherReports(List.of(), null);
		}
		List<Report> all = this.reports.search(new ReportQuery(report.cluster(), report.node(), null, null, 50));
		Report newest = all.stream()
			.filter((other) -> !other.id().equals(report.id()) && other.createdAt().isAfter(report.createdAt()))
			.findFirst()
			.orElse(null);
		List<Report> earlier = all.stream()
			.filter((other) -> !other.id().equals(report.id()) && !other.createdAt().isAfter(report.createdAt()))
			.limit(OTHER_REPORTS)
			.toList();
		return new OtherReports(earlier, newest);
	}

	private static String pageLink(ReportQuery query, int page) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/reports");
		addIfPresent(link, "cluster", query.cluster());
		addIfPresent(link, "node", query.nodeContains());
		addIfPresent(link, "status", query.status());
		addIfPresent(link, "rootCause", query.rootCause());
		addIfPresent(link, "alertStatus", query.alertStatus());
		return link.queryParam("page", page).build().encode().toUriString();
	}

	private static void addIfPresent(UriComponentsBuilder link, String name, @Nullable Object value) {
		if (value != null) {
			link.queryParam(name, value);
		}
	}

	/** Queued and running reports refresh themselves until the playbook has finished. */
	private static boolean inProgress(Report report) {
		return report.status() == ReportStatus.QUEUED || report.status() == ReportStatus.RUNNING;
	}

	private ReportFormatter formatter() {
		return new ReportFormatter(this.clock.instant(), this.reports::progress);
	}

	/** A node found by a sweep and its own report, when it still exists. */
	record AffectedNodeView(Report.AffectedNode node, @Nullable Report report) {
	}

	private record OtherReports(List<Report> earlier, @Nullable Report newest) {
	}

}
