package io.kubeletdoctor.diagnosis.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The kubelet has no valid client certificate. Observed: the TTL gauge at +Inf, the certificate
 * manager's own log lines, the newest known client certificate past its NotAfter. A stale Lease while
 * the kubelet port still answers, or CSR creation refused with a 401 or as system:anonymous, only
 * suggests it. Silent while the kubelet re-bootstraps with a token: its stuck bootstrap CSR is then
 * the fault.
 */
@Component
class ClientCertExpiredRule implements DiagnosisRule {

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		ClientCertificateTrouble trouble = ClientCertificateTrouble.read(evidence);
		if (!trouble.suspected()) {
			return Optional.empty();
		}
		// A kubelet re-bootstrapping with a token has been given new credentials: what holds it up is its CSR.
		if (AutoApproval.read(evidence).bootstrapDenied()) {
			return Optional.empty();
		}
		String node = evidence.node();
		List<String> lines = new ArrayList<>(trouble.evidence());
		nodeClockAhead(evidence).ifPresent((validity) -> lines.add(NodeClock.describe(validity, evidence.now())
				+ ": the kubelet judges expiry by that clock"));
		Grounds grounds = grounds(trouble, evidence);
		lines.addAll(grounds.lines());
		return Optional.of(new Finding(RootCauseCode.CLIENT_CERT_EXPIRED, "Kubelet client certificate expired",
				grounds.confidence(), summary(node, trouble.notAfter(), evidence.now()), lines,
				"The kubelet_certificate_manager_client_ttl_seconds gauge of " + node + " reporting a finite positive"
						+ " value, or the node's Lease renewing every 10 seconds: either means the kubelet still"
						+ " authenticates with a valid client certificate.",
				remediation(node)));
	}

	private static Optional<X509Validity> nodeClockAhead(Evidence evidence) {
		return History.presentLogs(evidence).flatMap((logs) -> NodeClock.ahead(logs, evidence.now()));
	}

	/**
	 * The fault is observed when the kubelet's own gauge or log lines, or the dates of its newest client
	 * certificate, say so; a stale Lease while the port answers, or a 401, is only a symptom. Two things
	 * could make the verdict wrong: a node clock ahead (the kubelet judges expiry by its own clock) and a
	 * kubelet that renewed since and still reports.
	 */
	private static Grounds grounds(ClientCertificateTrouble trouble, Evidence evidence) {
		Grounds grounds;
		if (trouble.decisiveChecks() > 0) {
			grounds = Grounds.observed("the kubelet's client certificate expired or missing (" + trouble.decisiveChecks()
					+ " reading(s): TTL gauge, its own log lines, the newest certificate's NotAfter)");
		}
		else if (trouble.rejected()) {
			// Rotation off leaves no TTL series and no CSR: the API server's 401 on the kubelet's heartbeats
			// observes the rejection, not why. Expired is far likelier than a client CA the server dropped.
			grounds = Grounds.observed("the API server rejecting the kubelet's client certificate (401 on its own"
					+ " node status or Lease updates)")
				.open("a client certificate from a CA the API server no longer trusts, rather than an expired one",
						"the certificate itself is visible only on the node");
		}
		else {
			grounds = Grounds.inferred("the kubelet not authenticating (a stale Lease while its port answers, or a 401)");
		}
		String clock = "a node clock ahead of the control plane making a valid certificate look expired";
		Optional<X509Validity> ahead = nodeClockAhead(evidence);
		if (ahead.isPresent()) {
			grounds.supported(clock, "the kubelet's own x509 errors carry a time ahead of this service's");
		}
		else if (trouble.expiredByThisClock()) {
			grounds.excluded(clock + ": its NotAfter has passed by the control plane's clock too");
		}
		else if (trouble.rejected()) {
			grounds.excluded(clock + ": the API server judges the certificate by its own clock");
		}
		else {
			grounds.excludingBy(evidence, Steps.KUBELET_LOGS, clock, true);
		}
		if (trouble.decisiveChecks() > 0 && !trouble.rejected()) {
			grounds.excluding("a newer client certificate the kubelet holds, installed without a CSR",
					trouble.kubeletSaysSo(), "only the newest issued certificate's dates were seen: neither the TTL"
							+ " gauge nor the kubelet's log could be read");
		}
		String renewed = "the kubelet having renewed since and still authenticating";
		boolean stillReporting = evidence.get(NodeFacts.class)
			.map((facts) -> facts.found() && facts.ready() && !HeartbeatText.lost(facts))
			.orElse(false);
		if (stillReporting) {
			grounds.supported(renewed, "its Lease still renews");
		}
		else {
			grounds.excludingBy(evidence, Steps.NODE_STATUS, renewed, evidence.get(NodeFacts.class).isPresent());
		}
		return grounds;
	}

	private String summary(String node, @Nullable Instant notAfter, Instant now) {
		String when = (notAfter != null && notAfter.isBefore(now))
				? "its newest known client certificate " + EvidenceText.expiry(notAfter, now) + " (NotAfter " + notAfter
						+ ")"
				: "the exact expiry is not visible from the API";
		return "The kubelet on " + node + " has no valid client certificate: " + when + ". It can no longer"
				+ " authenticate to the API server, so it cannot renew its Lease, post node status or request a new"
				+ " certificate by itself; it must be given new credentials, and whatever stopped the renewal fixed.";
	}

	private List<Remediation> remediation(String node) {
		String kubeconfig = "kubelet-" + node + ".conf";
		String current = Commands.PKI + "/kubelet-client-current.pem";
		return List.of(
				new Remediation("On a control-plane node (kubeadm): issue a client kubeconfig for " + node,
						List.of("sudo kubeadm kubeconfig user --org system:nodes --client-name "
								+ Commands.quote("system:node:" + node) + " > " + Commands.quote(kubeconfig),
								"scp " + Commands.quote(kubeconfig) + " " + Commands.quote(node + ":/tmp/kubelet.conf"))),
				new Remediation("On the node: install it, restart the kubelet, then point kubelet.conf at the rotating"
						+ " certificate once " + current + " is back", List.of(
								"sudo mkdir -p " + Commands.PKI + "/expired && sudo mv " + Commands.PKI
										+ "/kubelet-client-* " + Commands.PKI + "/expired/",
								"sudo install -m 600 /tmp/kubelet.conf /etc/kubernetes/kubelet.conf",
								Commands.RESTART_KUBELET,
								"sudo sed -i -e 's|client-certificate-data: .*|client-certificate: " + current
										+ "|' -e 's|client-key-data: .*|client-key: " + current
										+ "|' /etc/kubernetes/kubelet.conf",
								Commands.RESTART_KUBELET)),
				new Remediation("Or, with TLS bootstrapping (a valid bootstrap token in the kubelet's"
						+ " --bootstrap-kubeconfig): on the node, drop the expired credentials and restart",
						List.of("sudo rm /etc/kubernetes/kubelet.conf " + current, Commands.RESTART_KUBELET)),
				new Remediation("Then fix what stopped the renewal: the node's next client CSR must become"
						+ " Approved,Issued, which needs the selfnodeclient auto-approval binding",
						List.of(Commands.csrsOf(CsrRecord.KUBELET_CLIENT_SIGNER),
								"kubectl get clusterrolebinding kubeadm:node-autoapprove-certificate-rotation -o wide")),
				new Remediation("On the node: check that client rotation is on (rotateCertificates: true) and why the"
						+ " last renewals failed", List.of(Commands.ROTATION_SETTINGS, Commands.KUBELET_CERT_LOG)));
	}

}
