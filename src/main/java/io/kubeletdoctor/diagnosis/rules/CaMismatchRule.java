package io.kubeletdoctor.diagnosis.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateInfo;
import org.springframework.stereotype.Component;

/**
 * The CA-signed serving certificate on the kubelet port chains to no CA of kube-root-ca.crt: the CA
 * was rotated and this kubelet's certificate was not re-issued. kube-root-ca.crt is the API server's
 * CA bundle, which distributions with separate kubelet signer CAs (k3s, RKE2) keep apart, so the chain
 * check leaves that alternative open unless a serving certificate issued in the last hour, or the
 * kubelet's own "signed by unknown authority" errors, rule it out. Those errors alone never fire the rule: they may concern any TLS peer, such as a registry.
 */
@Component
class CaMismatchRule implements DiagnosisRule {

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		CertificateAuthorityFacts authority = evidence.get(CertificateAuthorityFacts.class).orElse(null);
		KubeletEndpointFacts endpoint = evidence.get(KubeletEndpointFacts.class).orElse(null);
		CertificateInfo leaf = (endpoint != null) ? endpoint.servingCertificate() : null;
		if (authority == null || !Boolean.FALSE.equals(authority.servingChainsToBundle()) || leaf == null
				|| endpoint.selfGenerated()) {
			return Optional.empty();
		}
		Instant now = evidence.now();
		List<String> lines = new ArrayList<>();
		lines.add(EvidenceText.certificate("Served on " + endpoint.endpoint(), leaf, now)
				+ ((leaf.authorityKeyId() != null) ? ", authority key id " + leaf.authorityKeyId() : ""));
		authority.bundle().forEach((ca) -> lines.add(EvidenceText.certificate("CA in kube-root-ca.crt", ca, now)
				+ ((ca.subjectKeyId() != null) ? ", key id " + ca.subjectKeyId() : "")));
		lines.add("The served certificate chains to none of the " + authority.bundle().size()
				+ " CA(s) in kube-root-ca.crt");
		rotationHint(leaf, authority.bundle()).ifPresent(lines::add);
		List<KubeletLogFacts.Line> logs = History.presentLogs(evidence)
			.map((facts) -> facts.of(LogSignal.UNKNOWN_AUTHORITY))
			.orElse(List.of());
		lines.addAll(EvidenceText.logs(logs, 2));
		Grounds grounds = Grounds.observed("the certificate on the kubelet port, chaining to no CA of kube-root-ca.crt"
				+ " that carries its issuer's name");
		boolean signerUsesBundle = SignerCa.usesBundle(evidence, CsrRecord.KUBELET_SERVING_SIGNER).orElse(false);
		if (SignerCa.issuedLike(evidence, CsrRecord.KUBELET_SERVING_SIGNER, leaf).orElse(false) && !signerUsesBundle) {
			grounds.supported("a kubelet-serving signer with a CA of its own, by design", "CSRs issued in the last hour ("
					+ SignerCa.shownBy(evidence, CsrRecord.KUBELET_SERVING_SIGNER) + ") carry the served certificate's"
					+ " issuer");
		}
		else {
			grounds.excluding("a kubelet-serving signer with a CA of its own, by design", signerUsesBundle || !logs.isEmpty(),
					"the kubelet logs no \"signed by unknown authority\" and " + SignerCa.NO_RECENT_ISSUE);
		}
		lines.addAll(grounds.lines());
		String node = evidence.node();
		return Optional.of(new Finding(RootCauseCode.CA_MISMATCH, "Kubelet certificate not signed by the cluster CA",
				grounds.confidence(),
				"The kubelet on " + node + " serves a certificate issued by " + leaf.issuer() + " that chains to no CA"
						+ " in kube-root-ca.crt" + (logs.isEmpty() ? "" : ", and the kubelet itself logs \"certificate"
								+ " signed by unknown authority\"")
						+ ". Most likely the cluster CA was rotated and this kubelet's certificates were not re-issued:"
						+ " clients that verify against the cluster CA (an API server with"
						+ " --kubelet-certificate-authority, Prometheus) reject it. If this cluster signs kubelet"
						+ " certificates with a CA of its own (k3s and RKE2 keep separate client and serving CAs),"
						+ " the difference is by design and this finding does not apply.",
				lines,
				"The kubelet-serving signer being a separate CA by design (--cluster-signing-kubelet-serving-cert-file,"
						+ " or the server CA of k3s/RKE2) that issued " + leaf.issuer() + ": kube-root-ca.crt is the API"
						+ " server's CA bundle, not necessarily the kubelet signers'. Or the served certificate verifying"
						+ " with openssl verify -CAfile against the bundle.",
				remediation(node, endpoint.endpoint())));
	}

	/** What the names and dates say about how the mismatch arose; nothing when they say nothing. */
	private static Optional<String> rotationHint(CertificateInfo leaf, List<CertificateInfo> bundle) {
		if (bundle.stream().anyMatch((ca) -> ca.subject().equals(leaf.issuer()))) {
			return Optional.of("A CA in the bundle has the issuer's name but not its key: the CA was regenerated under"
					+ " the same name");
		}
		if (!bundle.isEmpty() && bundle.stream().allMatch((ca) -> ca.notBefore().isAfter(leaf.notBefore()))) {
			return Optional.of("Every CA in the bundle was created after the served certificate was issued: the bundle"
					+ " was replaced since");
		}
		return Optional.empty();
	}

	private static List<Remediation> remediation(String node, String endpoint) {
		String current = Commands.PKI + "/kubelet-server-current.pem";
		return List.of(
				new Remediation("Compare the served certificate's issuer with the bundle, and on a control-plane node"
						+ " (kubeadm paths) see which CA signs kubelet certificates: a separate kubelet signer settles"
						+ " it as by design",
						List.of("openssl s_client -connect " + endpoint + " </dev/null 2>/dev/null | openssl x509 -noout"
								+ " -issuer -enddate -ext authorityKeyIdentifier", Commands.CLUSTER_CA_BUNDLE,
								"sudo grep -E -- '--cluster-signing-|--root-ca-file' "
										+ Commands.CONTROLLER_MANAGER_MANIFEST)),
				new Remediation("Finish the CA rotation: distribute a bundle holding both the old and the new CA"
						+ " (controller-manager --root-ca-file, the kubelets' clientCAFile and kubeconfig"
						+ " certificate-authority-data) and keep both during the transition, see "
						+ CaBundle.ROTATION_PROCEDURE,
						List.of("sudo grep -E 'clientCAFile' " + Commands.KUBELET_CONFIG,
								"sudo grep -E 'certificate-authority' /etc/kubernetes/kubelet.conf")),
				new Remediation("On the node: re-issue the serving certificate from the current CA by moving it aside"
						+ " and restarting the kubelet, which files a new kubelet-serving CSR (if the kubelet config sets"
						+ " tlsCertFile instead, replace that file with a certificate from the new CA)",
						List.of("sudo mv " + current + " " + current + ".old-ca", Commands.RESTART_KUBELET)),
				new Remediation("Check and approve the node's new serving CSR (requester system:node:" + node
						+ ", only the node's names and addresses)",
						List.of(Commands.csrsOf(CsrRecord.KUBELET_SERVING_SIGNER))),
				new Remediation("Remove the old CA from the bundles only once every kubelet certificate, client and"
						+ " serving, chains to the new one",
						List.of("sudo openssl x509 -noout -issuer -enddate -in " + Commands.PKI
								+ "/kubelet-client-current.pem")));
	}

}
