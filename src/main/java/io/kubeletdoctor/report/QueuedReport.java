package io.kubeletdoctor.report;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A report claimed for diagnosis, with what the playbook engine needs to run it. */
public record QueuedReport(String id, String cluster, @Nullable String node, @Nullable String nodeLabel,
		Report.Scope scope, List<ReportAlert> alerts) {
}
