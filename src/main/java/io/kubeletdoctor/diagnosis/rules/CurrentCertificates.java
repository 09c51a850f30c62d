package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.pki.CertificateInfo;

/**
 * How long the certificates the kubelet holds now will last: the time to impact of a CSR that never
 * completes.
 */
final class CurrentCertificates {

	private CurrentCertificates() {
	}

	/** One sentence per signer among {@code csrs} whose current certificate the evidence shows. */
	static String impact(Evidence evidence, List<CsrRecord> csrs) {
		List<String> sentences = new ArrayList<>();
		if (csrs.stream().anyMatch(CsrRecord::clientRequest)) {
			sentences.add(client(evidence));
		}
		if (csrs.stream().anyMatch(CsrRecord::servingRequest)) {
			sentences.add(serving(evidence));
		}
		return String.join(" ", sentences.stream().filter((sentence) -> !sentence.isEmpty()).toList());
	}

	private static String client(Evidence evidence) {
		KubeletMetricsFacts metrics = evidence.get(KubeletMetricsFacts.class).orElse(null);
		if (metrics == null || metrics.clientTtlSeconds() == null) {
			return "";
		}
		if (metrics.noValidClientCertificate()) {
			return "The kubelet already has no valid client certificate.";
		}
		Duration ttl = Duration.ofSeconds(metrics.clientTtlSeconds().longValue());
		return "Its client certificate expires in " + EvidenceText.span(ttl) + ".";
	}

	private static String serving(Evidence evidence) {
		KubeletEndpointFacts endpoint = evidence.get(KubeletEndpointFacts.class).orElse(null);
		if (endpoint == null) {
			return "";
		}
		CertificateInfo leaf = endpoint.servingCertificate();
		if (leaf != null) {
			return "Its serving certificate " + EvidenceText.expiry(leaf.notAfter(), evidence.now()) + ".";
		}
		return (endpoint.reachability() == Reachability.HANDSHAKE_FAILED) ? "It already serves no certificate." : "";
	}

}
