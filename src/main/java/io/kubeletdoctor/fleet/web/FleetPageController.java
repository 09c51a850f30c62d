package io.kubeletdoctor.fleet.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.fleet.ClusterScan;
import io.kubeletdoctor.fleet.FleetScanRequests;
import io.kubeletdoctor.fleet.FleetScans;
import io.kubeletdoctor.fleet.NodeScan;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportQuery;
import io.kubeletdoctor.report.Reports;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /fleet}: the latest scan of each cluster, nodes first to expire first, with the counts and
 * the chart over all nodes and the rows the filters let through; and the form that starts a scan.
 */
@Controller
class FleetPageController {

	static final String VIEW = "fleet/fleet";

	/** Rows per cluster on one page; each looks up its node's newest report. */
	static final int MAX_ROWS = 500;

	private final FleetScans scans;

	private final FleetScanRequests requests;

	private final Reports reports;

	private final Clock clock;

	FleetPageController(FleetScans scans, FleetScanRequests requests, Reports reports, ObjectProvider<Clock> clock) {
		this.scans = scans;
		this.requests = requests;
		this.reports = reports;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@GetMapping("/fleet")
	String fleet(@RequestParam(required = false) @Nullable String node,
			@RequestParam(required = false) @Nullable String cluster,
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String scan, Model model) {
		FleetFilter.State stateFilter = null;
		try {
			stateFilter = FleetFilter.State.parse(state);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("filterError", ex.getMessage());
		}
		FleetFilter filter = new FleetFilter(FleetFilter.text(node), FleetFilter.text(cluster), stateFilter);
		Instant now = this.clock.instant();
		List<ClusterView> clusters = new ArrayList<>();
		for (ClusterScan clusterScan : this.scans.latest()) {
			if (filter.showsCluster(clusterScan.name())) {
				clusters.add(view(clusterScan, filter, now));
			}
		}
		model.addAttribute("clusters", clusters);
		model.addAttribute("filter", filter);
		model.addAttribute("states", FleetFilter.State.values());
		model.addAttribute("scanRequested", "requested".equals(scan));
		model.addAttribute("maxRows", MAX_ROWS);
		return VIEW;
	}

	/** A POST, so it is never triggered by a link preview or a prefetch. */
	@PostMapping("/fleet/scan")
	String scan() {
		this.requests.requestScan();
		return "redirect:/fleet?scan=requested";
	}

	private ClusterView view(ClusterScan scan, FleetFilter filter, Instant now) {
		List<NodeRow> all = new ArrayList<>();
		for (NodeScan node : scan.nodes()) {
			all.add(new NodeRow(node, now, null));
		}
		List<NodeRow> matching = all.stream().filter(filter::shows).toList();
		List<NodeRow> shown = matching.stream()
			.limit(MAX_ROWS)
			.map((row) -> new NodeRow(row.scan(), now, newestReport(scan.name(), row.node())))
			.toList();
		return ClusterView.of(scan, now, all, shown, matching.size());
	}

	private @Nullable String newestReport(String cluster, String node) {
		List<Report> newest = this.reports.search(new ReportQuery(cluster, node, null, null, 1));
		return newest.isEmpty() ? null : newest.get(0).id();
	}

}
