package io.kubeletdoctor.report.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportAlert;
import org.jspecify.annotations.Nullable;

/**
 * The links a report page offers beside its own: the alerts' runbooks ({@code runbook_url}) and
 * Prometheus sources ({@code generatorURL}), and the Alertmanager that sent them, filtered to the
 * report's alerts. Alert rules and Alertmanager configuration decide these URLs, so only absolute
 * http(s) ones become links; the rest stay visible as text in the alert details.
 */
final class ExternalLinks {

	static final String RUNBOOK = "runbook_url";

	private ExternalLinks() {
	}

	static List<Link> of(Report report, @Nullable String alertmanagerUrl) {
		List<Link> links = new ArrayList<>();
		Set<String> runbooks = new LinkedHashSet<>();
		Set<String> sources = new LinkedHashSet<>();
		for (ReportAlert alert : report.alerts()) {
			addIfSafe(runbooks, alert.annotations().get(RUNBOOK));
			addIfSafe(sources, alert.generatorURL());
		}
		runbooks.forEach((url) -> links.add(new Link(numbered("Runbook", url, runbooks), url)));
		sources.forEach((url) -> links.add(new Link(numbered("Alert source in Prometheus", url, sources), url)));
		String alertmanager = SafeLinks.httpOrNull(alertmanagerUrl);
		if (alertmanager != null && !report.alerts().isEmpty()) {
			links.add(new Link("Alertmanager", alertmanagerAlerts(alertmanager, report.alerts())));
		}
		return links;
	}

	/**
	 * Alertmanager's alert view filtered on the labels the report's alerts share (all labels for
	 * one alert), in the matcher syntax of its UI, so the link opens on exactly these alerts.
	 */
	static String alertmanagerAlerts(String base, List<ReportAlert> alerts) {
		Map<String, String> common = new TreeMap<>(alerts.get(0).labels());
		alerts.forEach((alert) -> common.entrySet().removeIf((e) -> !e.getValue().equals(alert.labels().get(e.getKey()))));
		String matchers = common.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
			.collect(Collectors.joining(",", "{", "}"));
		String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		return root + "/#/alerts?filter=" + URLEncoder.encode(matchers, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static void addIfSafe(Set<String> urls, @Nullable String url) {
		String safe = SafeLinks.httpOrNull((url != null) ? url.trim() : null);
		if (safe != null) {
			urls.add(safe);
		}
	}

	private static String numbered(String label, String url, Set<String> all) {
		if (all.size() == 1) {
			return label;
		}
		return label + " " + (new ArrayList<>(all).indexOf(url) + 1);
	}

	record Link(String label, String href) {
	}

}
