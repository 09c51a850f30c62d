package io.kubeletdoctor.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kubeletdoctor.intake.AlertmanagerAlert;
import io.kubeletdoctor.intake.AlertmanagerNotification;
import io.kubeletdoctor.intake.NotificationIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Diagnosis before the alert: a certificate past its renewal window and not renewed, or one that
 * cannot rotate and expires within 7 days (or is already gone), opens a report for its node through
 * the same intake as an Alertmanager notification, as alert {@value #ALERTNAME}. The alert instance
 * is keyed by cluster, node, certificate and cause (fingerprint) and by the day of the certificate's
 * NotAfter (startsAt; a NotAfter derived from a TTL gauge moves by the seconds between reads), so
 * later scans of the same trouble reuse the report and send no second chat message, while a renewed
 * certificate that fails again opens a new one.
 */
@Component
class EarlyDiagnoses {

	static final String ALERTNAME = "KubeletCertificateCannotRotate";

	static final Duration SOON = Duration.ofDays(7);

	private static final Logger logger = LoggerFactory.getLogger(EarlyDiagnoses.class);

	private final NotificationIntake intake;

	private final JsonMapper json;

	EarlyDiagnoses(NotificationIntake intake, JsonMapper json) {
		this.intake = intake;
		this.json = json;
	}

	void open(ClusterScan scan) {
		List<AlertmanagerAlert> alerts = new ArrayList<>();
		for (NodeScan node : scan.nodes()) {
			for (FleetCertificate certificate : node.certificates()) {
				if (due(certificate, scan.scannedAt())) {
					alerts.add(alert(scan.name(), node.node(), certificate));
				}
			}
		}
		if (alerts.isEmpty()) {
			return;
		}
		AlertmanagerNotification notification = new AlertmanagerNotification("4", "firing", "kubelet-doctor-fleet",
				"{}:{fleet_scan=\"" + scan.name() + "\"}", 0, "", alerts);
		try {
			this.intake.accept(notification, this.json.writeValueAsBytes(notification));
		}
		catch (RuntimeException ex) {
			// the queue is full or the database away: the next scan tries again
			logger.warn("Fleet scan of {} could not open its reports: {}", scan.name(), ex.getMessage());
		}
	}

	static boolean due(FleetCertificate certificate, Instant now) {
		if (certificate.rotation() == RotationState.FAILING
				&& certificate.rotationReason().startsWith(NodeAssessment.PAST_WINDOW)) {
			return true;
		}
		return certificate.rotation().cannotRotate()
				&& (certificate.notAfter() == null || certificate.notAfter().isBefore(now.plus(SOON)));
	}

	private static AlertmanagerAlert alert(String cluster, String node, FleetCertificate certificate) {
		String role = certificate.role().name().toLowerCase(Locale.ROOT);
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("alertname", ALERTNAME);
		labels.put("cluster", cluster);
		labels.put("node", node);
		labels.put("certificate", role);
		labels.put("cause", certificate.rotation().name());
		labels.put("source", "fleet-scan");
		Instant startsAt = (certificate.notAfter() != null) ? certificate.notAfter().truncatedTo(ChronoUnit.DAYS)
				: Instant.EPOCH;
		return new AlertmanagerAlert("firing", labels,
				Map.of("summary", "The " + role + " certificate cannot rotate: " + certificate.rotationReason()),
				startsAt, null, null, fingerprint(cluster, node, role, certificate.rotation().name()));
	}

	private static String fingerprint(String... parts) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
