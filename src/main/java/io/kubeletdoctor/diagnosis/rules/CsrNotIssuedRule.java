package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.springframework.stereotype.Component;

/**
 * CSRs of the node were approved minutes ago and still carry no certificate: no signer runs for
 * their signer (no --cluster-signing-* files, controller-manager down) or the signing CA expired.
 * The one alternative, a signer that is merely slow, is ruled out by the kubelet giving up (15
 * minutes), other nodes waiting too, or a stale controller-manager Lease.
 */
@Component
class CsrNotIssuedRule implements DiagnosisRule {

	private static final int MAX_LISTED = 5;

	/** The kubelet gives up on a CSR after this long and files a new one. */
	private static final Duration KUBELET_WAITS = Duration.ofMinutes(15);

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		List<CsrRecord> approved = NodeCsrs.of(evidence, CsrCondition.APPROVED);
		List<CsrRecord> stuck = NodeCsrs.olderThan(NodeCsrs.unanswered(evidence, approved), NodeCsrs.STUCK_AFTER);
		if (stuck.isEmpty()) {
			return Optional.empty();
		}
		List<String> lines = new ArrayList<>(stuck.stream().limit(MAX_LISTED).map(EvidenceText::csr).toList());
		List<KubeletLogFacts.Line> timeouts = History.presentLogs(evidence)
			.map((logs) -> logs.of(LogSignal.CSR_NOT_SIGNED_TIMEOUT))
			.orElse(List.of());
		lines.addAll(EvidenceText.logs(timeouts, 2));
		int cluster = evidence.get(CertificateRequestFacts.class)
			.map(CertificateRequestFacts::clusterApprovedNotIssued)
			.orElse(0);
		if (cluster > approved.size()) {
			lines.add(cluster + " approved CSRs wait for a certificate cluster-wide: other nodes are affected too");
		}
		String cause = "no signer runs for " + String.join(", ", stuck.stream().map(CsrRecord::signerName).distinct()
			.toList());
		CertificateAuthorityFacts authority = evidence.get(CertificateAuthorityFacts.class).orElse(null);
		boolean leaseStale = authority != null && ControllerManager.leaseStale(authority);
		if (leaseStale) {
			String renewed = ControllerManager.lastRenewed(authority.controllerManagerLeaseAge());
			lines.add(renewed + ": no controller-manager is leading");
			cause = "the controller-manager is not running (" + renewed + ")";
		}
		if (authority != null && CaBundle.allExpiredAt(authority, evidence.now())) {
			lines.add(EvidenceText.certificate("Cluster CA", CaBundle.newest(authority), evidence.now()));
			cause = "the CA has expired and the signer refuses to sign with it";
		}
		// The CSR's conditions are the fault; a signer merely slow is the one alternative, ruled out once the
		// kubelet itself gave up (15 minutes), or the signer is seen idle (other nodes waiting, no leader).
		boolean givenUp = NodeCsrs.oldest(stuck).age().compareTo(KUBELET_WAITS) > 0;
		Grounds grounds = Grounds.observed("CSRs approved and without a certificate for minutes")
			.excluding("a signer that is merely slow", givenUp || !timeouts.isEmpty() || cluster > approved.size()
					|| leaseStale, "approved less than 15 minutes ago, and no other sign of an idle signer");
		lines.addAll(grounds.lines());
		CsrRecord oldest = NodeCsrs.oldest(stuck);
		String node = evidence.node();
		String summary = stuck.size() + " CSR(s) of " + node + " were approved but never signed, the oldest "
				+ EvidenceText.span(oldest.age()) + " ago: " + cause + ". The kubelet gives up on each after 15"
				+ " minutes and files a new one. " + CurrentCertificates.impact(evidence, stuck);
		return Optional.of(new Finding(RootCauseCode.CSR_NOT_ISSUED, "Approved CSRs never issued",
				grounds.confidence(), summary, lines,
				"A certificate appearing in status.certificate of " + NodeCsrs.newest(stuck).name()
						+ ", or approved CSRs of other nodes being issued within seconds.",
				remediation(stuck)));
	}

	private List<Remediation> remediation(List<CsrRecord> stuck) {
		return List.of(
				new Remediation("Check that a controller-manager runs and holds its Lease",
						List.of(Commands.CONTROLLER_MANAGER_LEASE, Commands.CONTROLLER_MANAGER_PODS)),
				new Remediation("On a control-plane node (kubeadm paths): check the signing flags"
						+ " (--cluster-signing-cert-file/--cluster-signing-key-file or the per-signer files, and"
						+ " csrsigning not removed from --controllers) and that the signing CA has not expired",
						List.of("sudo grep -E -- '--cluster-signing-|--controllers' "
								+ Commands.CONTROLLER_MANAGER_MANIFEST,
								"sudo openssl x509 -noout -subject -enddate -in /etc/kubernetes/pki/ca.crt")),
				new Remediation("Once signing works, delete the stuck CSRs (approved-not-issued CSRs are never"
						+ " garbage-collected); the kubelet files new ones",
						List.of("kubectl delete csr "
								+ String.join(" ", stuck.stream().map((csr) -> Commands.quote(csr.name())).toList()))));
	}

}
