package io.kubeletdoctor.notify;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.report.Report;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * kubelet-doctor's own notification JSON for any HTTP endpoint (a bot, an incident tool, a
 * workflow engine). Its field names are a contract like the report JSON's: fields may be added,
 * never renamed; absent values are {@code null}, never missing. The full report is one GET of
 * {@code links.json} away.
 */
@Component
class WebhookSink implements NotificationSink {

	static final String VERSION = "1";

	private final JsonMapper json;

	WebhookSink(JsonMapper json) {
		this.json = json;
	}

	@Override
	public SinkType type() {
		return SinkType.WEBHOOK;
	}

	@Override
	public String render(ReportMessage message) {
		Report report = message.report();
		Finding finding = report.rootCause();
		RootCause rootCause = (finding != null)
				? new RootCause(finding.code(), finding.title(), finding.confidence(), finding.summary()) : null;
		return this.json.writeValueAsString(new Payload(VERSION, message.event().eventName(), message.at(),
				report.id(), report.cluster(), report.node(), report.scope(), report.alertStatus(),
				message.alertnames(), rootCause, message.timeToImpact(), report.affectedNodes(), report.causes(), report.links()));
	}

	/**
	 * The notification.
	 *
	 * @param version the format version, {@value #VERSION}
	 * @param event {@code report.completed} or {@code report.resolved}
	 * @param sentAt when the message was prepared
	 * @param reportId the report's id
	 * @param cluster its cluster
	 * @param node its node, null for a cluster-scope report
	 * @param scope {@code NODE} or {@code CLUSTER}
	 * @param alertStatus {@code FIRING} or {@code RESOLVED}
	 * @param alertnames the names of the report's alerts
	 * @param rootCause the verdict, null if the report named none
	 * @param timeToImpact the nearest kubelet certificate expiry, null if none is known
	 * @param affectedNodes the node reports of a cluster-scope report, null for a node report
	 * @param causes the affected nodes of a cluster-scope report grouped by cause, null for a node report
	 * @param links the report's permalinks: {@code html} for people, {@code json} for bots
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record Payload(String version, String event, Instant sentAt, String reportId, String cluster,
			@Nullable String node, Report.Scope scope, Report.AlertStatus alertStatus, List<String> alertnames,
			@Nullable RootCause rootCause, @Nullable TimeToImpact timeToImpact,
			@Nullable List<Report.AffectedNode> affectedNodes, @Nullable List<Report.Cause> causes,
			Report.Links links) {
	}

	/** The verdict without its evidence and remediation, which the report carries. */
	record RootCause(RootCauseCode code, String title, Confidence confidence, String summary) {
	}

}
