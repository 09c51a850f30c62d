package io.kubeletdoctor.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.Report.AlertStatus;
import io.kubeletdoctor.report.Report.Scope;
import io.kubeletdoctor.report.ReportAlert;
import io.kubeletdoctor.report.ReportCertificate;
import io.kubeletdoctor.report.ReportStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

/** Reports as the store returns them, around one fixed moment. */
final class NotifyFixtures {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	static final String PUBLIC_URL = "https://kubelet-doctor.example.com";

	private NotifyFixtures() {
	}

	/** A node whose client certificate expired three days ago; its CA lasts for years. */
	/** Deliveries that try once, quickly: the sink tests watch what is posted, not the retries. */
	static Deliveries singleAttemptDeliveries() {
		return new Deliveries(new NotifyProperties(List.of(), Duration.ofSeconds(2), 1, Duration.ofMillis(10), 100),
				new SimpleMeterRegistry());
	}

	static Report clientCertExpired(String id) {
		return report(id, "prod", "worker-3", Scope.NODE, ReportStatus.COMPLETED, AlertStatus.FIRING,
				"KubeletClientCertificateExpiration", finding(RootCauseCode.CLIENT_CERT_EXPIRED,
						"The kubelet's client certificate has expired", Confidence.HIGH),
				List.of(certificate(CertificateRole.CA, NOW.plus(Duration.ofDays(3000))),
						certificate(CertificateRole.SERVING, NOW.plus(Duration.ofDays(200))),
						certificate(CertificateRole.CLIENT, NOW.minus(Duration.ofDays(3)))),
				null);
	}

	static Report withStatus(Report report, ReportStatus status, AlertStatus alertStatus) {
		return new Report(report.id(), report.cluster(), report.node(), report.scope(), status, alertStatus,
				report.alerts(), report.playbook(), report.rootCause(), report.otherCauses(), report.steps(),
				report.certificates(), report.certificateRequests(), report.affectedNodes(), report.causes(),
				report.createdAt(),
				report.startedAt(), report.completedAt(), report.links());
	}

	static Report withRootCause(Report report, Finding rootCause) {
		return new Report(report.id(), report.cluster(), report.node(), report.scope(), report.status(),
				report.alertStatus(), report.alerts(), report.playbook(), rootCause, report.otherCauses(),
				report.steps(), report.certificates(), report.certificateRequests(), report.affectedNodes(),
				report.causes(), report.createdAt(), report.startedAt(), report.completedAt(), report.links());
	}

	/** A KubeletDown sweep of cluster {@code prod} that found one node whose kubelet is down. */
	static Report clusterSweep(String id, String childId) {
		return report(id, "prod", null, Scope.CLUSTER, ReportStatus.COMPLETED, AlertStatus.FIRING, "KubeletDown",
				finding(RootCauseCode.KUBELET_NOT_RUNNING, "The kubelet is not running on 1 node", Confidence.MEDIUM),
				List.of(), List.of(new Report.AffectedNode("worker-7", childId, "KUBELET_NOT_RUNNING")));
	}

	static Report report(String id, String cluster, String node, Scope scope, ReportStatus status,
			AlertStatus alertStatus, String alertname, Finding rootCause, List<ReportCertificate> certificates,
			List<Report.AffectedNode> affected) {
		ReportAlert alert = new ReportAlert(alertname, "f00d" + id, "firing", NOW.minus(Duration.ofMinutes(20)), null,
				Map.of("alertname", alertname, "cluster", cluster), Map.of("summary", "kubelet trouble"), null);
		return new Report(id, cluster, node, scope, status, alertStatus, List.of(alert, alert), "kubelet-certificates",
				rootCause, List.of(), List.of(), certificates, List.of(), affected,
				causes(affected), NOW.minus(Duration.ofMinutes(5)),
				NOW.minus(Duration.ofMinutes(5)), NOW.minus(Duration.ofMinutes(4)),
				new Report.Links(PUBLIC_URL + "/reports/" + id, PUBLIC_URL + "/api/v1/reports/" + id));
	}

	/** One group per affected node, as a sweep whose nodes all differ would group them. */
	private static @Nullable List<Report.Cause> causes(@Nullable List<Report.AffectedNode> affected) {
		return (affected != null) ? affected.stream()
			.map((node) -> new Report.Cause(String.valueOf(node.rootCauseCode()), Confidence.MEDIUM, List.of(node.node())))
			.toList() : null;
	}

	static Finding finding(RootCauseCode code, String title, Confidence confidence) {
		return new Finding(code, title, confidence, "The certificate's NotAfter passed & renewal <never> ran.",
				List.of("evidence"), "a valid certificate", List.of(new Remediation("Re-bootstrap",
						List.of("sudo systemctl restart kubelet"))));
	}

	static ReportCertificate certificate(CertificateRole role, Instant notAfter) {
		return new ReportCertificate(role, "CN=" + role, "CN=ca", notAfter.minus(Duration.ofDays(365)), notAfter,
				"test");
	}

}
