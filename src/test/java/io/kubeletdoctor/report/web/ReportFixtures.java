package io.kubeletdoctor.report.web;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.NodeStatusStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.Report.AffectedNode;
import io.kubeletdoctor.report.Report.AlertStatus;
import io.kubeletdoctor.report.Report.Links;
import io.kubeletdoctor.report.Report.Scope;
import io.kubeletdoctor.report.ReportAlert;
import io.kubeletdoctor.report.ReportCertificate;
import io.kubeletdoctor.report.ReportCsr;
import io.kubeletdoctor.report.ReportStatus;
import io.kubeletdoctor.report.StepOutcome;
import org.jspecify.annotations.Nullable;

/** Reports as the store would return them, around one fixed moment so relative times are stable. */
final class ReportFixtures {

	static final String UNREACHABLE_NO_SCHEDULE = "node.kubernetes.io/unreachable:NoSchedule";

	static final String UNREACHABLE_NO_EXECUTE = "node.kubernetes.io/unreachable:NoExecute";

	static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	static final String REBOOTSTRAP = "sudo rm /var/lib/kubelet/pki/kubelet-client-current.pem";

	static final String RESTART = "sudo systemctl restart kubelet";

	static final String GENERATOR_URL = "http://prometheus.example:9090/graph?g0.expr=up&g0.tab=1";

	private ReportFixtures() {
	}

	/** A completed node report whose client certificate expired three days ago. */
	static Report clientCertExpired(String id) {
		return node(id, "node-1", ReportStatus.COMPLETED, NOW.minus(Duration.ofHours(1)), rootCause(),
				List.of(alert(Map.of("summary", "Kubelet client certificate expires soon",
						"runbook_url", "https://runbooks.example/kubelet"), GENERATOR_URL)),
				certificates(NOW.minus(Duration.ofDays(3))));
	}

	/** A completed report whose nearest certificate expiry is 41 hours ahead. */
	static Report servingCertExpiring(String id) {
		return node(id, "node-2", ReportStatus.COMPLETED, NOW.minus(Duration.ofHours(2)), rootCause(),
				List.of(alert(Map.of("summary", "serving certificate expires"), GENERATOR_URL)),
				certificates(NOW.plus(Duration.ofHours(41).plusMinutes(20))));
	}

	/** A report whose alert carries markup and a script URL, as anyone writing alert rules could. */
	static Report hostileAlert(String id) {
		Map<String, String> annotations = new LinkedHashMap<>();
		annotations.put("description", "<script>alert(1)</script>");
		annotations.put("summary", "<img src=x onerror=alert(1)>");
		annotations.put("runbook_url", "javascript:alert(2)");
		return node(id, "node-1", ReportStatus.COMPLETED, NOW, rootCause(),
				List.of(alert(annotations, "javascript:alert(document.cookie)")), List.of());
	}

	/** A report whose playbook is still running: no verdict yet. */
	static Report running(String id) {
		return node(id, "node-1", ReportStatus.RUNNING, NOW, null, List.of(alert(Map.of(), null)), List.of());
	}

	/** A report waiting for its drain since {@code createdAt}. */
	static Report queued(String id, Instant createdAt) {
		Report report = node(id, "node-3", ReportStatus.QUEUED, createdAt, null, List.of(alert(Map.of(), null)),
				List.of());
		return new Report(report.id(), report.cluster(), report.node(), report.scope(), report.status(),
				report.alertStatus(), report.alerts(), null, null, List.of(), List.of(), List.of(), List.of(), null,
				null, createdAt, null, null, report.links());
	}

	/** A completed report whose alert has resolved. */
	static Report resolved(String id, String node, Instant createdAt) {
		Report report = node(id, node, ReportStatus.COMPLETED, createdAt);
		return new Report(report.id(), report.cluster(), report.node(), report.scope(), report.status(),
				AlertStatus.RESOLVED, report.alerts(), report.playbook(), report.rootCause(), report.otherCauses(),
				report.steps(), report.certificates(), report.certificateRequests(), report.affectedNodes(),
				report.causes(), report.createdAt(), report.startedAt(), report.completedAt(), report.links());
	}

	static Report node(String id, String node, ReportStatus status, Instant createdAt) {
		return node(id, node, status, createdAt, rootCause(), List.of(alert(Map.of(), null)), List.of());
	}

	/** A cluster-scope sweep that found one affected node. */
	static Report clusterSweep(String id, String affectedReportId) {
		return new Report(id, "prod", null, Scope.CLUSTER, ReportStatus.COMPLETED, AlertStatus.FIRING,
				List.of(new ReportAlert("KubeletDown", "c0ffee", "firing", NOW.minus(Duration.ofMinutes(30)), null,
						Map.of("alertname", "KubeletDown", "cluster", "prod"), Map.of(), null)),
				"kubelet-down", rootCause(), List.of(), List.of(), List.of(), List.of(),
				List.of(new AffectedNode("node-1", affectedReportId, "CLIENT_CERT_EXPIRED")),
				List.of(new Report.Cause("CLIENT_CERT_EXPIRED", Confidence.HIGH, List.of("node-1"))), NOW, NOW, NOW,
				links(id));
	}

	/**
	 * A sweep of five affected nodes in three groups: three with expired client certificates (the
	 * headline), one serving an expired certificate, one whose kubelet is down.
	 */
	static Report mixedClusterSweep(String id) {
		Finding clients = new Finding(RootCauseCode.CLIENT_CERT_EXPIRED,
				"3 of 5 nodes: Kubelet client certificate expired", Confidence.HIGH,
				"3 of 5 affected nodes share this cause.", List.of("3 of 5 affected nodes: lab-a, lab-b, lab-c"),
				"a valid client certificate", List.of(new Remediation("Re-bootstrap lab-a", List.of(REBOOTSTRAP))));
		Finding serving = new Finding(RootCauseCode.SERVING_CERT_EXPIRED, "1 of 5 nodes: Serving certificate expired",
				Confidence.HIGH, "1 of 5 affected nodes share this cause.", List.of("1 of 5 affected nodes: lab-e"),
				"a valid serving certificate",
				List.of(new Remediation("Renew the serving certificate of lab-e", List.of("renew lab-e"))));
		Finding down = new Finding(RootCauseCode.KUBELET_NOT_RUNNING, "1 of 5 nodes: Kubelet not running",
				Confidence.MEDIUM, "1 of 5 affected nodes share this cause.", List.of("1 of 5 affected nodes: lab-d"),
				"a kubelet answering on its port",
				List.of(new Remediation("Start the kubelet on lab-d", List.of("start lab-d"))));
		List<AffectedNode> affected = List.of(new AffectedNode("lab-a", "r-a", "CLIENT_CERT_EXPIRED"),
				new AffectedNode("lab-b", "r-b", "CLIENT_CERT_EXPIRED"),
				new AffectedNode("lab-c", "r-c", "CLIENT_CERT_EXPIRED"),
				new AffectedNode("lab-d", "r-d", "KUBELET_NOT_RUNNING"),
				new AffectedNode("lab-e", "r-e", "SERVING_CERT_EXPIRED"));
		List<Report.Cause> causes = List.of(
				new Report.Cause("CLIENT_CERT_EXPIRED", Confidence.HIGH, List.of("lab-a", "lab-b", "lab-c")),
				new Report.Cause("SERVING_CERT_EXPIRED", Confidence.HIGH, List.of("lab-e")),
				new Report.Cause("KUBELET_NOT_RUNNING", Confidence.MEDIUM, List.of("lab-d")));
		return new Report(id, "lab", null, Scope.CLUSTER, ReportStatus.COMPLETED, AlertStatus.FIRING,
				List.of(new ReportAlert("KubeletDown", "c0ffee", "firing", NOW.minus(Duration.ofMinutes(30)), null,
						Map.of("alertname", "KubeletDown", "cluster", "lab"), Map.of(), null)),
				"kubelet-down", clients, List.of(serving, down), List.of(), List.of(), List.of(), affected, causes, NOW,
				NOW, NOW, links(id));
	}

	private static Report node(String id, String node, ReportStatus status, Instant createdAt,
			@Nullable Finding rootCause, List<ReportAlert> alerts, List<ReportCertificate> certificates) {
		boolean done = status == ReportStatus.COMPLETED;
		return new Report(id, "prod", node, Scope.NODE, status, AlertStatus.FIRING, alerts, "kubelet-certificates",
				rootCause, done ? List.of(otherCause()) : List.of(), steps(), certificates,
				List.of(pendingCsr()), null, null, createdAt, createdAt.plusSeconds(1),
				done ? createdAt.plusSeconds(3) : null, links(id));
	}

	static Finding rootCause() {
		return new Finding(RootCauseCode.CLIENT_CERT_EXPIRED, "Kubelet client certificate expired", Confidence.HIGH,
				"The kubelet can no longer authenticate to the API server.",
				List.of("client certificate NotAfter is in the past", "Lease not renewed for 3 days"),
				"a client certificate that is still valid on the node",
				List.of(new Remediation("Re-bootstrap the kubelet", List.of(REBOOTSTRAP, RESTART))));
	}

	private static Finding otherCause() {
		return new Finding(RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED, "Client CSRs not auto-approved", Confidence.LOW,
				"Renewal CSRs may stay pending.", List.of("one pending client CSR"), "an approved CSR",
				List.of(new Remediation("Approve the pending CSR", List.of("kubectl certificate approve csr-1"))));
	}

	private static ReportAlert alert(Map<String, String> annotations, @Nullable String generatorUrl) {
		return new ReportAlert("KubeletClientCertificateExpiration", "3f2a9c", "firing",
				NOW.minus(Duration.ofMinutes(90)), null,
				Map.of("alertname", "KubeletClientCertificateExpiration", "node", "node-1", "severity", "critical"),
				annotations, generatorUrl);
	}

	private static List<StepOutcome> steps() {
		NodeStatusStepFacts facts = new NodeStatusStepFacts(true, "Unknown", "NodeStatusUnknown", null, 259200L,
				259200L, 40, true, null, "v1.33.2", List.of(UNREACHABLE_NO_SCHEDULE, UNREACHABLE_NO_EXECUTE),
				"10.0.0.11", 10250);
		return List.of(
				new StepOutcome("node-status", "Node status", StepStatus.CRITICAL, "Ready is Unknown", facts, 42,
						null),
				new StepOutcome("kubelet-logs", "Kubelet logs", StepStatus.UNAVAILABLE,
						"the node log query API is disabled", StepFacts.NONE, 1500,
						"journalctl -u kubelet --since -2h"));
	}

	private static List<ReportCertificate> certificates(Instant clientNotAfter) {
		return List.of(
				new ReportCertificate(CertificateRole.CLIENT, "CN=system:node:node-1,O=system:nodes",
						"CN=kubernetes", clientNotAfter.minus(Duration.ofDays(365)), clientNotAfter,
						"kubelet metrics"),
				new ReportCertificate(CertificateRole.CA, "CN=kubernetes", "CN=kubernetes",
						NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(3250)), "kube-root-ca.crt"));
	}

	private static ReportCsr pendingCsr() {
		return new ReportCsr("csr-7xk2p", "kubernetes.io/kube-apiserver-client-kubelet", "system:node:node-1",
				CsrCondition.PENDING, 7200, "CN=system:node:node-1,O=system:nodes", List.of(), List.of("client auth"),
				null, null);
	}

	private static Links links(String id) {
		return new Links("/reports/" + id, "/api/v1/reports/" + id);
	}

}
