package io.kubeletdoctor.notify;

import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportAlert;
import org.jspecify.annotations.Nullable;

/**
 * What a notification says about one report, whatever the sink: every sink renders this and nothing
 * else, so Slack, Teams and the generic webhook never disagree.
 *
 * @param event why the message is sent
 * @param report the report as stored when the message was prepared
 * @param alertnames the distinct alert names of the report, in arrival order
 * @param timeToImpact the nearest kubelet certificate expiry, when the report has one
 * @param at when the message was prepared
 */
record ReportMessage(Event event, Report report, List<String> alertnames, @Nullable TimeToImpact timeToImpact,
		Instant at) {

	static ReportMessage of(Event event, Report report, Instant now) {
		List<String> alertnames = report.alerts().stream().map(ReportAlert::alertname).distinct().toList();
		return new ReportMessage(event, report, alertnames,
				TimeToImpact.of(report.certificates(), report.rootCause(), now).orElse(null), now);
	}

	/** "worker-3 in cluster prod", or "cluster prod" for a cluster-wide report. */
	String subject() {
		String node = this.report.node();
		return (node != null) ? node + " in cluster " + this.report.cluster() : "cluster " + this.report.cluster();
	}

	/** The verdict in a few words: the root cause title, or why there is none. */
	String verdict() {
		Finding rootCause = this.report.rootCause();
		return (rootCause != null) ? rootCause.title() : "No root cause named";
	}

	@Nullable Finding rootCause() {
		return this.report.rootCause();
	}

	/** True when the report's alert had already resolved when the message was prepared. */
	boolean alertResolved() {
		return this.report.alertStatus() == Report.AlertStatus.RESOLVED;
	}

	/** The report page: the permalink every message leads to. */
	String permalink() {
		return this.report.links().html();
	}

	/** Why a message is sent; the name is the generic webhook's {@code event} field. */
	enum Event {

		COMPLETED("report.completed"), RESOLVED("report.resolved");

		private final String name;

		Event(String name) {
			this.name = name;
		}

		String eventName() {
			return this.name;
		}

	}

}
