package io.kubeletdoctor.report;

import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import org.jspecify.annotations.Nullable;

/**
 * A diagnosis report. The field names are the JSON contract read by bots and other systems;
 * fields may be added, never renamed.
 */
public record Report(String id, String cluster, @Nullable String node, Scope scope, ReportStatus status,
		AlertStatus alertStatus, List<ReportAlert> alerts, @Nullable String playbook, @Nullable Finding rootCause,
		List<Finding> otherCauses, List<StepOutcome> steps, List<ReportCertificate> certificates,
		List<ReportCsr> certificateRequests, @Nullable List<AffectedNode> affectedNodes,
		@Nullable List<Cause> causes, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant completedAt,
		Links links) {

	public enum Scope {

		NODE, CLUSTER

	}

	public enum AlertStatus {

		FIRING, RESOLVED

	}

	/** Where the report is published. */
	public record Links(String html, String json) {
	}

	/** A node found by a cluster-scope sweep, with its own report. */
	public record AffectedNode(String node, String reportId, @Nullable String rootCauseCode) {
	}

	/**
	 * The affected nodes of a cluster-scope report that share one root cause, largest group first.
	 * The confidence is that of the least certain node verdict in the group.
	 */
	public record Cause(String code, Confidence confidence, List<String> nodes) {
	}

}
