package io.kubeletdoctor.diagnosis.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.pki.CertificateInfo;

/**
 * Which CA a kubelet signer uses, read from the certificates it issued in the last hour (issued CSRs
 * live that long). kube-root-ca.crt is the API server's CA bundle: kubeadm signs kubelet certificates
 * with the same CA, k3s and RKE2 with CAs of their own (--cluster-signing-kubelet-*-cert-file). The
 * controller-manager's flags are in its static pod spec on the control-plane node, which the API does
 * not show, so a recent issue is the only way to tell from here; without one the question stays open.
 */
final class SignerCa {

	static final String NO_RECENT_ISSUE = "no certificate of this signer was issued in the last hour, and the"
			+ " controller-manager's --cluster-signing-* flags are not readable through the API";

	private SignerCa() {
	}

	/** Whether {@code signer}'s recent certificates come from a CA of kube-root-ca.crt; empty when none was issued. */
	static Optional<Boolean> usesBundle(Evidence evidence, String signer) {
		List<CertificateRequestFacts.IssuedBy> issued = issued(evidence, signer);
		List<CertificateInfo> bundle = evidence.get(CertificateAuthorityFacts.class)
			.map(CertificateAuthorityFacts::bundle)
			.orElse(List.of());
		if (issued.isEmpty() || bundle.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(issued.stream().anyMatch((cert) -> bundle.stream().anyMatch((ca) -> sameIssuer(cert, ca))));
	}

	/** Whether {@code signer}'s recent certificates share {@code leaf}'s issuer; empty when none was issued. */
	static Optional<Boolean> issuedLike(Evidence evidence, String signer, CertificateInfo leaf) {
		List<CertificateRequestFacts.IssuedBy> issued = issued(evidence, signer);
		if (issued.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(issued.stream()
			.anyMatch((cert) -> cert.issuer().equals(leaf.issuer())
					&& (cert.authorityKeyId() == null || leaf.authorityKeyId() == null
							|| cert.authorityKeyId().equals(leaf.authorityKeyId()))));
	}

	/** The CSR names that show it, for the evidence. */
	static String shownBy(Evidence evidence, String signer) {
		return String.join(", ", issued(evidence, signer).stream().map(CertificateRequestFacts.IssuedBy::csr).limit(3)
			.toList());
	}

	private static List<CertificateRequestFacts.IssuedBy> issued(Evidence evidence, String signer) {
		return evidence.get(CertificateRequestFacts.class).map((facts) -> facts.issuedBy(signer)).orElse(List.of());
	}

	private static boolean sameIssuer(CertificateRequestFacts.IssuedBy cert, CertificateInfo ca) {
		if (cert.authorityKeyId() != null && ca.subjectKeyId() != null) {
			return cert.authorityKeyId().equals(ca.subjectKeyId());
		}
		return Objects.equals(cert.issuer(), ca.subject());
	}

}
