package io.kubeletdoctor.fleet.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.fleet.ClusterScan;
import io.kubeletdoctor.fleet.FleetCa;
import org.jspecify.annotations.Nullable;

/**
 * One cluster on the fleet page: the counts over all its nodes (whatever the filters), the chart,
 * and the rows the filters let through, first expiry first.
 */
record ClusterView(ClusterScan scan, Instant now, List<NodeRow> rows, int matching, Counts counts,
		ExpiryChart chart) {

	static ClusterView of(ClusterScan scan, Instant now, List<NodeRow> all, List<NodeRow> shown, int matching) {
		return new ClusterView(scan, now, shown, matching, Counts.of(all, now), ExpiryChart.of(scan, now));
	}

	public String name() {
		return this.scan.name();
	}

	public String scannedAgo() {
		return TimeSpan.ago(Duration.between(this.scan.scannedAt(), this.now));
	}

	/** "CA expires in 9 years", the bundle's first expiry, or why there is none. */
	public String caExpiry() {
		FleetCa first = firstCa();
		return (first != null) ? "CA " + TimeSpan.expiry(first.notAfter(), this.now) : "CA bundle not read";
	}

	public String caTone() {
		FleetCa first = firstCa();
		if (first == null) {
			return "";
		}
		Duration remaining = Duration.between(this.now, first.notAfter());
		return (remaining.compareTo(Duration.ofDays(30)) < 0) ? "tone-bad"
				: (remaining.compareTo(Duration.ofDays(365)) < 0) ? "tone-warn" : "tone-ok";
	}

	public String expiry(FleetCa ca) {
		return TimeSpan.expiry(ca.notAfter(), this.now);
	}

	public String servingApproval() {
		return switch (this.scan.servingApproval()) {
			case SEEN -> "kubelet-serving CSRs get approved";
			case NEVER -> "kubelet-serving CSRs are never approved: nothing approves them (upstream never does)";
			case NO_REQUESTS -> "no kubelet-serving CSRs stored";
		};
	}

	public boolean servingApprovalMissing() {
		return this.scan.servingApproval() == ClusterScan.ServingApproval.NEVER;
	}

	private @Nullable FleetCa firstCa() {
		return this.scan.cas().stream().min(Comparator.comparing(FleetCa::notAfter)).orElse(null);
	}

	/** Nodes by their first expiry (cumulative windows, the expired counted apart) and by trouble. */
	record Counts(int nodes, int expired, int within1Day, int within7Days, int within30Days, int cannotRotate,
			int unreachable) {

		static Counts of(List<NodeRow> rows, Instant now) {
			int expired = 0;
			int day = 0;
			int week = 0;
			int month = 0;
			for (NodeRow row : rows) {
				Instant first = row.scan().firstExpiry();
				if (first == null) {
					continue;
				}
				if (first.isBefore(now)) {
					expired++;
				}
				else {
					Duration remaining = Duration.between(now, first);
					day += (remaining.compareTo(Duration.ofDays(1)) < 0) ? 1 : 0;
					week += (remaining.compareTo(Duration.ofDays(7)) < 0) ? 1 : 0;
					month += (remaining.compareTo(Duration.ofDays(30)) < 0) ? 1 : 0;
				}
			}
			int cannotRotate = (int) rows.stream().filter((row) -> !row.scan().canRotate()).count();
			int unreachable = (int) rows.stream().filter((row) -> !row.scan().reachable()).count();
			return new Counts(rows.size(), expired, day, week, month, cannotRotate, unreachable);
		}

	}

}
