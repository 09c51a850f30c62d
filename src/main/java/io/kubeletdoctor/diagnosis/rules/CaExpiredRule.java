package io.kubeletdoctor.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateInfo;
import org.springframework.stereotype.Component;

/**
 * Every CA in the cluster bundle has expired: its dates are the fault itself. Approved CSRs left
 * unsigned (the signer refuses an expired CA without marking them Failed), the kubelet's x509 errors,
 * or a recent certificate from that CA show the cluster still depends on it.
 */
@Component
class CaExpiredRule implements DiagnosisRule {

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		CertificateAuthorityFacts authority = evidence.get(CertificateAuthorityFacts.class).orElse(null);
		if (authority == null || !CaBundle.allExpiredAt(authority, evidence.now())) {
			return Optional.empty();
		}
		List<String> lines = new ArrayList<>();
		authority.bundle().forEach((ca) -> lines.add(EvidenceText.certificate("CA in kube-root-ca.crt", ca,
				evidence.now())));
		int unsigned = evidence.get(CertificateRequestFacts.class)
			.map(CertificateRequestFacts::clusterApprovedNotIssued)
			.orElse(0);
		if (unsigned > 0) {
			lines.add(unsigned + " approved CSRs wait for a certificate cluster-wide: the signer refuses to use an"
					+ " expired CA");
		}
		List<KubeletLogFacts.Line> x509 = History.presentLogs(evidence)
			.map((logs) -> logs.lines().stream().filter((line) -> line.signal() == LogSignal.UNKNOWN_AUTHORITY
					|| line.signal() == LogSignal.CERTIFICATE_EXPIRED).toList())
			.orElse(List.of());
		lines.addAll(EvidenceText.logs(x509, 2));
		boolean signerUsesIt = SignerCa.usesBundle(evidence, CsrRecord.KUBELET_CLIENT_SIGNER).orElse(false)
				|| SignerCa.usesBundle(evidence, CsrRecord.KUBELET_SERVING_SIGNER).orElse(false);
		// The CA's dates are the fault itself; what is left is whether anything still depends on that CA.
		Grounds grounds = Grounds.observed("the NotAfter of every CA in kube-root-ca.crt in the past")
			.excluding("kube-root-ca.crt not being the CA the kubelets and their signers use",
					unsigned > 0 || !x509.isEmpty() || signerUsesIt, "no approved CSR waits for the signer, no"
							+ " kubelet x509 error was read, and " + SignerCa.NO_RECENT_ISSUE);
		lines.addAll(grounds.lines());
		CertificateInfo newest = CaBundle.newest(authority);
		return Optional.of(new Finding(RootCauseCode.CA_EXPIRED, "Cluster CA expired",
				grounds.confidence(),
				"The cluster CA " + EvidenceText.expiry(newest.notAfter(), evidence.now()) + " (" + newest.subject()
						+ ", NotAfter " + newest.notAfter() + "). Nothing it signed is trusted any more: kubelet"
						+ " certificates on " + evidence.node() + " and every other node are rejected, and new CSRs are"
						+ " never signed. Only a CA rotation fixes it.",
				lines, CaBundle.refutedBy(), CaBundle.remediation()));
	}

}
