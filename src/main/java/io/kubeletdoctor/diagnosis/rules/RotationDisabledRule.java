package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
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
 * has), or client rotation is off and the client certificate's expiry cannot be seen at all: nothing
 * will replace it. The kubelet registers no TTL series with rotation off, so that expiry is open.
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
		List<String> lines = new ArrayList<>();
		List<String> sides = new ArrayList<>();
		boolean clientExpiryUnknown = false;
		@Nullable Instant clientNotAfter = ClientCertificateTrouble.read(evidence).notAfter();
		if (!config.rotateCertificates() && expiresWithinWindow(clientNotAfter, now)) {
			sides.add("client certificate " + EvidenceText.expiry(clientNotAfter, now));
			lines.add("/configz: rotateCertificates is false; newest client certificate known has NotAfter "
					+ clientNotAfter);
		}
		else if (!config.rotateCertificates() && clientNotAfter == null) {
			// Without rotation no TTL series exists and no CSR shows the certificate: it will run out unseen.
			clientExpiryUnknown = true;
			sides.add("client certificate, whose expiry cannot be read from the cluster, will not be renewed");
			lines.add("/configz: rotateCertificates is false; no kubelet_certificate_manager_client_ttl_seconds"
					+ " series and no issued client CSR show when the client certificate expires");
		}
		KubeletEndpointFacts endpoint = evidence.get(KubeletEndpointFacts.class).orElse(null);
		CertificateInfo leaf = (endpoint != null) ? endpoint.servingCertificate() : null;
		boolean servingOff = !config.serverTlsBootstrap() || !config.serverRotationGateOn();
		if (servingOff && leaf != null && expiresWithinWindow(leaf.notAfter(), now)) {
			sides.add("serving certificate " + EvidenceText.expiry(leaf.notAfter(), now));
			lines.add("/configz: serverTLSBootstrap is " + config.serverTlsBootstrap()
					+ ", feature gate RotateKubeletServerCertificate is " + config.serverRotationGateOn());
			lines.add(EvidenceText.certificate("Served", leaf, now));
		}
		if (sides.isEmpty()) {
			return Optional.empty();
		}
		KubeletMetricsFacts metrics = evidence.get(KubeletMetricsFacts.class).orElse(null);
		boolean seriesAbsent = metrics != null && ((!config.rotateCertificates() && metrics.clientTtlSeconds() == null)
				|| (servingOff && metrics.serverTtlSeconds() == null));
		if (seriesAbsent) {
			lines.add("No kubelet_certificate_manager_*_ttl_seconds series for the side concerned: the kubelet"
					+ " registers it only when that rotation is on");
		}
		// /configz is the running configuration: rotation off is the fault itself. What is left open is when
		// an unseen certificate runs out.
		boolean onlyUnknown = clientExpiryUnknown && sides.size() == 1;
		Grounds grounds = Grounds.observed("rotation off in the kubelet's running configuration (/configz)")
			.excluding("a certificate far from expiry, which would make rotation off harmless for now", !onlyUnknown,
					"the client certificate's NotAfter is visible only on the node (kubelet.conf or"
							+ " kubelet-client-current.pem)");
		lines.addAll(grounds.lines());
		String node = evidence.node();
		return Optional.of(new Finding(RootCauseCode.ROTATION_DISABLED, "Certificate rotation disabled",
				grounds.confidence(),
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
