package io.kubeletdoctor.report.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportQuery;
import io.kubeletdoctor.report.Reports;
import org.jspecify.annotations.Nullable;

/** A {@link Reports} held in memory that remembers the last query, so tests see what the web layer asked. */
class InMemoryReports implements Reports {

	private final List<Report> reports = new ArrayList<>();

	private @Nullable ReportQuery lastQuery;

	private final Map<String, String> alertmanagerUrls = new HashMap<>();

	void add(Report... added) {
		this.reports.addAll(List.of(added));
	}

	void clear() {
		this.reports.clear();
		this.alertmanagerUrls.clear();
		this.lastQuery = null;
	}

	void alertmanagerUrl(String reportId, String url) {
		this.alertmanagerUrls.put(reportId, url);
	}

	@Override
	public Optional<String> alertmanagerUrl(String reportId) {
		return Optional.ofNullable(this.alertmanagerUrls.get(reportId));
	}

	@Nullable ReportQuery lastQuery() {
		return this.lastQuery;
	}

	@Override
	public Optional<Report> find(String id) {
		return this.reports.stream().filter((report) -> report.id().equals(id)).findFirst();
	}

	@Override
	public List<Report> search(ReportQuery query) {
		this.lastQuery = query;
		return this.reports.stream()
			.filter((report) -> matches(query.cluster(), report.cluster()))
			.filter((report) -> matches(query.node(), report.node()))
			.filter((report) -> query.status() == null || query.status() == report.status())
			.filter((report) -> matches(query.rootCause(),
					(report.rootCause() != null) ? report.rootCause().code().name() : null))
			.filter((report) -> query.alertStatus() == null || query.alertStatus() == report.alertStatus())
			.filter((report) -> query.nodeContains() == null || (report.node() != null && report.node()
				.toLowerCase(Locale.ROOT)
				.contains(query.nodeContains().toLowerCase(Locale.ROOT))))
			.sorted(Comparator.comparing(Report::createdAt).reversed())
			.skip(query.offset())
			.limit(query.limit())
			.toList();
	}

	private static boolean matches(@Nullable String wanted, @Nullable String actual) {
		return wanted == null || Objects.equals(wanted, actual);
	}

}
