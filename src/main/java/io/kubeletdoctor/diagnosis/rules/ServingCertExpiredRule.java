package io.kubeletdoctor.diagnosis.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.KubeletConfigFacts;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The kubelet port serves an expired certificate (self-signed {@code kubelet.crt} never rotates), or,
 * with rotation on, serves none because the certificate manager drops an expired one and the newest
 * serving certificate known has expired.
 */
@Component
class ServingCertExpiredRule implements DiagnosisRule {

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		Instant now = evidence.now();
		KubeletEndpointFacts endpoint = evidence.get(KubeletEndpointFacts.class).orElse(null);
		KubeletMetricsFacts metrics = evidence.get(KubeletMetricsFacts.class).orElse(null);
		CertificateInfo leaf = (endpoint != null) ? endpoint.servingCertificate() : null;
		List<String> lines = new ArrayList<>();
		Instant notAfter;
		boolean selfSigned;
		if (leaf != null) {
			if (!leaf.isExpiredAt(now)) {
				return Optional.empty();
			}
			lines.add(EvidenceText.certificate("Served on " + endpoint.endpoint(), leaf, now));
			notAfter = leaf.notAfter();
			selfSigned = endpoint.selfGenerated();
		}
		else {
			notAfter = newestKnownNotAfter(evidence);
			boolean nothingServed = (endpoint != null && endpoint.reachability() == Reachability.HANDSHAKE_FAILED)
					|| (metrics != null && metrics.noValidServingCertificate());
			if (notAfter == null || !notAfter.isBefore(now) || !nothingServed) {
				return Optional.empty();
			}
			lines.add("Newest serving certificate known for the node has NotAfter " + notAfter + " ("
					+ EvidenceText.expiry(notAfter, now) + "), and the kubelet serves none: "
					+ ((endpoint != null) ? endpoint.reachability() + " " + Objects.toString(endpoint.error(), "")
							: "server TTL +Inf"));
			selfSigned = false;
		}
		boolean ttlInf = metrics != null && metrics.noValidServingCertificate();
		if (ttlInf) {
			lines.add("kubelet_certificate_manager_server_ttl_seconds is +Inf: no valid serving certificate loaded");
		}
		List<KubeletLogFacts.Line> logs = History.presentLogs(evidence)
			.map((facts) -> facts.of(LogSignal.CURRENT_CERTIFICATE_EXPIRED))
			.orElse(List.of())
			.stream()
			.filter((line) -> line.text().contains(CsrRecord.KUBELET_SERVING_SIGNER))
			.toList();
		lines.addAll(EvidenceText.logs(logs, 2));
		Grounds grounds;
		if (leaf != null) {
			// The certificate on the wire is the fault itself, at the address the Node object gives. Only the
			// kubelet's own gauge saying it holds a valid one could mean the handshake reached another listener.
			grounds = Grounds.observed("the expired certificate served on the kubelet port");
			boolean ttlValid = metrics != null && metrics.serverTtlSeconds() != null && metrics.serverTtlSeconds() > 0
					&& !ttlInf;
			if (ttlValid) {
				grounds.supported("a handshake that reached another listener than the kubelet",
						"the kubelet's server TTL gauge says it holds a valid certificate");
			}
			else {
				grounds.excluded("a handshake that reached another listener than the kubelet: the address comes from"
						+ " the Node object and the kubelet's gauge does not contradict it");
			}
		}
		else {
			grounds = Grounds.observed("no certificate served, and the newest serving certificate known expired")
				.excluding("a newer serving certificate the kubelet loaded from a file, not through a CSR",
						ttlInf || !logs.isEmpty(), "neither the server TTL gauge nor the kubelet's log says it has none");
		}
		lines.addAll(grounds.lines());
		Confidence confidence = grounds.confidence();
		String node = evidence.node();
		String kind = selfSigned ? "self-signed" : "CA-signed";
		return Optional.of(new Finding(RootCauseCode.SERVING_CERT_EXPIRED, "Kubelet serving certificate expired ("
				+ kind + ")", confidence, summary(node, kind, leaf != null, selfSigned, notAfter, now), lines,
				"A TLS handshake with the kubelet port of " + node + " presenting a certificate whose NotAfter is in"
						+ " the future (openssl s_client -connect <node-ip>:10250).",
				remediation(evidence, selfSigned)));
	}

	private static @Nullable Instant newestKnownNotAfter(Evidence evidence) {
		Stream<Instant> observed = evidence.certificates()
			.stream()
			.filter((certificate) -> certificate.role() == CertificateRole.SERVING)
			.map((certificate) -> certificate.info().notAfter());
		Stream<Instant> issued = evidence.get(CertificateRequestFacts.class)
			.map((facts) -> facts.serving(CsrCondition.ISSUED).stream().map(CsrRecord::issuedNotAfter))
			.orElseGet(Stream::empty)
			.filter(Objects::nonNull);
		return Stream.concat(observed, issued).max(Instant::compareTo).orElse(null);
	}

	private String summary(String node, String kind, boolean served, boolean selfSigned, Instant notAfter,
			Instant now) {
		String impact = served ? "Clients that verify it (Prometheus scrapes, an API server with"
				+ " --kubelet-certificate-authority) reject it."
				: "The certificate manager dropped it, so the kubelet serves none: logs, exec and metrics scrapes fail.";
		String why = selfSigned ? " A self-signed kubelet.crt is never rotated by the kubelet."
				: " Rotation did not replace it in time.";
		return "The " + kind + " serving certificate of the kubelet on " + node + " " + EvidenceText.expiry(notAfter, now)
				+ " (NotAfter " + notAfter + "). " + impact + why;
	}

	private List<Remediation> remediation(Evidence evidence, boolean selfSigned) {
		String node = evidence.node();
		List<Remediation> steps = new ArrayList<>();
		if (selfSigned) {
			steps.add(Commands.regenerateSelfSigned());
			steps.addAll(Commands.enableServingBootstrap(node));
			return steps;
		}
		boolean bootstrapped = evidence.get(KubeletConfigFacts.class).map(KubeletConfigFacts::serverTlsBootstrap)
			.orElse(true);
		if (!bootstrapped) {
			steps.add(new Remediation("On the node: the certificate comes from the tlsCertFile setting; replace that"
					+ " file with a renewed certificate, then restart the kubelet",
					List.of("sudo grep -E 'tlsCertFile|tlsPrivateKeyFile' " + Commands.KUBELET_CONFIG,
							Commands.RESTART_KUBELET)));
			steps.addAll(Commands.enableServingBootstrap(node));
			return steps;
		}
		List<CsrRecord> pending = evidence.get(CertificateRequestFacts.class)
			.map((facts) -> facts.serving(CsrCondition.PENDING))
			.orElse(List.of());
		if (pending.isEmpty()) {
			steps.add(new Remediation("On the node: restart the kubelet so it requests a new serving certificate",
					List.of(Commands.RESTART_KUBELET)));
			steps.add(new Remediation("Then find its serving CSR, check it and approve it",
					List.of(Commands.csrsOf(CsrRecord.KUBELET_SERVING_SIGNER))));
		}
		else {
			steps.add(Commands.verifyThenApprove(NodeCsrs.newest(pending).name(), node));
		}
		steps.add(Commands.installServingApprover());
		return steps;
	}

}
