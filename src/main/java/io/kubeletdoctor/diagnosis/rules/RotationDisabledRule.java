package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.KubeletConfigFacts;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * /configz says the kubelet does not rotate a certificate that expires within 30 days (or already
 * has): nothing will replace it. The matching TTL series being absent agrees, since the kubelet only
 * registers it when rotation is on.
 */
@Component
class RotationDisabledRule implements DiagnosisRule {

	/** Turning rotation on means a kubelet restart and, for serving certificates, an approval path. */
	static final Duration WINDOW = Duration.ofDays(30);

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		KubeletConfigFacts config = evidence.get(KubeletConfigFacts.class).orElse(null);
		if (config == null) {
			return Optional.empty();
		}
		Instant now = evidence.now();
		KubeletMetricsFacts metrics = evidence.get(KubeletMetricsFacts.class).orElse(null);
		List<String> lines = new ArrayList<>();
		List<String> sides = new ArrayList<>();
		boolean metricAgrees = false;
		@Nullable Instant clientNotAfter = ClientCertificateTrouble.read(evidence).notAfter();
		if (!config.rotateCertificates() && expiresWithinWindow(clientNotAfter, now)) {
			sides.add("client certificate " + EvidenceText.expiry(clientNotAfter, now));
			lines.add("/configz: rotateCertificates is false; newest client certificate known has NotAfter "
					+ clientNotAfter);
			metricAgrees = metrics != null && metrics.clientTtlSeconds() == null;
		}
		KubeletEndpointFacts endpoint = evidence.get(KubeletEndpointFacts.class).orElse(null);
		CertificateInfo leaf = (endpoint != null) ? endpoint.servingCertificate() : null;
		boolean servingOff = !config.serverTlsBootstrap() || !config.serverRotationGateOn();
		if (servingOff && leaf != null && expiresWithinWindow(leaf.notAfter(), now)) {
			sides.add("serving certificate " + EvidenceText.expiry(leaf.notAfter(), now));
			lines.add("/configz: serverTLSBootstrap is " + config.serverTlsBootstrap()
					+ ", feature gate RotateKubeletServerCertificate is " + config.serverRotationGateOn());
			lines.add(EvidenceText.certificate("Served", leaf, now));
			metricAgrees |= metrics != null && metrics.serverTtlSeconds() == null;
		}
		if (sides.isEmpty()) {
			return Optional.empty();
		}
		if (metricAgrees) {
			lines.add("No kubelet_certificate_manager_*_ttl_seconds series for the side concerned: the kubelet"
					+ " registers it only when that rotation is on");
		}
		String node = evidence.node();
		return Optional.of(new Finding(RootCauseCode.ROTATION_DISABLED, "Certificate rotation disabled",
				Confidences.ofAgreeingChecks(metricAgrees ? 2 : 1),
				"The kubelet on " + node + " does not rotate its certificates, and its "
						+ String.join(" and its ", sides) + ". Nothing will replace "
						+ ((sides.size() > 1) ? "them" : "it") + " until rotation is turned on.",
				lines,
				"/configz of " + node + " (kubectl get --raw /api/v1/nodes/" + node + "/proxy/configz) showing"
						+ " rotateCertificates and serverTLSBootstrap true, or a tool outside the kubelet renewing its"
						+ " certificate files.",
				remediation(node, config, endpoint != null && endpoint.selfGenerated())));
	}

	private static boolean expiresWithinWindow(@Nullable Instant notAfter, Instant now) {
		return notAfter != null && notAfter.isBefore(now.plus(WINDOW));
	}

	private List<Remediation> remediation(String node, KubeletConfigFacts config, boolean selfGenerated) {
		List<Remediation> steps = new ArrayList<>();
		if (!config.rotateCertificates()) {
			steps.add(new Remediation("On the node: turn on client certificate rotation and restart the kubelet",
					List.of(Commands.enableInKubeletConfig("rotateCertificates"), Commands.RESTART_KUBELET)));
		}
		if (selfGenerated) {
			steps.add(Commands.regenerateSelfSigned());
		}
		if (!config.serverTlsBootstrap() || !config.serverRotationGateOn()) {
			steps.addAll(Commands.enableServingBootstrap(node));
		}
		return steps;
	}

}
