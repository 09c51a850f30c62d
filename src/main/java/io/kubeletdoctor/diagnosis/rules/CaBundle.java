package io.kubeletdoctor.diagnosis.rules;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.pki.CertificateInfo;

/**
 * Reads the CA bundle by its longest-lived certificate: during a CA rotation the bundle holds the old
 * and the new CA, and an old one expiring is then expected, not a fault.
 */
final class CaBundle {

	static final String ROTATION_PROCEDURE = "https://kubernetes.io/docs/tasks/tls/manual-rotation-of-ca-certificates/";

	private CaBundle() {
	}

	static CertificateInfo newest(CertificateAuthorityFacts authority) {
		return authority.bundle().stream().max(Comparator.comparing(CertificateInfo::notAfter)).orElseThrow();
	}

	static boolean allExpiredAt(CertificateAuthorityFacts authority, Instant now) {
		return !authority.bundle().isEmpty() && newest(authority).isExpiredAt(now);
	}

	static String refutedBy() {
		return "The CSR signing CA (--cluster-signing-cert-file or the per-signer files) being a different CA with a"
				+ " later NotAfter: kube-root-ca.crt carries the API server's CA, which some distributions keep apart"
				+ " from the kubelet signers.";
	}

	static List<Remediation> remediation() {
		return List.of(
				new Remediation("On a control-plane node (kubeadm paths): confirm the CA expiry",
						List.of("sudo openssl x509 -noout -subject -enddate -in /etc/kubernetes/pki/ca.crt",
								"sudo kubeadm certs check-expiration")),
				new Remediation("Rotate the CA with the manual procedure (kubeadm does not renew CAs): a new CA"
						+ " distributed to every control-plane component and kubelet, see " + ROTATION_PROCEDURE,
						List.of(Commands.CLUSTER_CA_EXPIRY)));
	}

}
