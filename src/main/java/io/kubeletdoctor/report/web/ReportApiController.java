package io.kubeletdoctor.report.web;

import java.util.List;

import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportQuery;
import io.kubeletdoctor.report.Reports;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The report JSON read by bots and other systems; errors are RFC 9457 problem details. */
@RestController
@RequestMapping("/api/v1/reports")
class ReportApiController {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 500;

	private final Reports reports;

	ReportApiController(Reports reports) {
		this.reports = reports;
	}

	@GetMapping
	ReportItems list(@RequestParam(required = false) @Nullable String cluster,
			@RequestParam(required = false) @Nullable String node,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String rootCause,
			@RequestParam(required = false) @Nullable String alertStatus,
			@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidReportParameterException("limit",
					"Parameter 'limit' must be between 1 and " + MAX_LIMIT + ".");
		}
		ReportQuery query = new ReportQuery(ReportFilters.text(cluster), ReportFilters.text(node),
				ReportFilters.status(status), ReportFilters.rootCause(rootCause), limit,
				ReportFilters.alertStatus(alertStatus), null, 0);
		return new ReportItems(this.reports.search(query).stream().map(ReportSummary::of).toList());
	}

	@GetMapping("/{id}")
	Report show(@PathVariable String id) {
		return this.reports.find(id).orElseThrow(() -> new ReportNotFoundException(id));
	}

	/** Wraps the list in an object so fields such as a cursor can be added later without breaking clients. */
	record ReportItems(List<ReportSummary> items) {
	}

}
