package io.kubeletdoctor.report.web;

import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.Report.AffectedNode;
import io.kubeletdoctor.report.Report.AlertStatus;
import io.kubeletdoctor.report.Report.Links;
import io.kubeletdoctor.report.Report.Scope;
import io.kubeletdoctor.report.ReportAlert;
import io.kubeletdoctor.report.ReportStatus;
import org.jspecify.annotations.Nullable;

/**
 * A report as the list endpoint shows it: the same field names as {@link Report} without the bulky
 * {@code steps}, {@code certificates} and {@code certificateRequests}, so a list of hundreds stays small.
 */
record ReportSummary(String id, String cluster, @Nullable String node, Scope scope, ReportStatus status,
		AlertStatus alertStatus, List<ReportAlert> alerts, @Nullable String playbook, @Nullable Finding rootCause,
		List<Finding> otherCauses, @Nullable List<AffectedNode> affectedNodes, @Nullable List<Report.Cause> causes,
		Instant createdAt, @Nullable Instant startedAt, @Nullable Instant completedAt, Links links) {

	static ReportSummary of(Report report) {
		return new ReportSummary(report.id(), report.cluster(), report.node(), report.scope(), report.status(),
				report.alertStatus(), report.alerts(), report.playbook(), report.rootCause(), report.otherCauses(),
				report.affectedNodes(), report.causes(), report.createdAt(), report.startedAt(), report.completedAt(),
				report.links());
	}

}
