package io.kubeletdoctor.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.springframework.stereotype.Component;

/**
 * The node's client renewals stay Pending although nothing in RBAC stops their auto-approval, or no
 * controller-manager leads: the csrapproving controller is not running (controller-manager down, or
 * csrapproving left out of its --controllers). The Pending CSRs are observed; RBAC (ruled out by a
 * SubjectAccessReview) and an approver that runs but ignores them (ruled out by a stale or missing
 * controller-manager Lease) are the alternatives.
 */
@Component
class CsrApproverNotRunningRule implements DiagnosisRule {

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		AutoApproval approval = AutoApproval.read(evidence);
		boolean allowed = approval.verdict() == AutoApproval.Verdict.ALLOWED;
		boolean notLeading = ControllerManager.notLeading(evidence);
		if (approval.waiting().isEmpty() || (!allowed && !notLeading)) {
			return Optional.empty();
		}
		List<CsrRecord> waiting = approval.waiting();
		List<String> lines = new ArrayList<>(EvidenceText.csrs(waiting, "pending client"));
		lines.addAll(approval.evidence());
		ControllerManager.notLeadingLine(evidence).ifPresent(lines::add);
		lines.addAll(EvidenceText.logs(approval.timeouts(), 2));
		Grounds grounds = Grounds.observed("client CSRs left Pending by the approver")
			.excluding("RBAC keeping them from auto-approval", allowed && approval.bySubjectAccessReview(),
					allowed ? "read from the bindings, which miss webhook authorizers" : "RBAC could not be decided")
			.excluding("a running approver that ignores them for another reason", notLeading,
					"a controller-manager leads, and whether its --controllers include csrapproving is not"
							+ " readable through the API");
		lines.addAll(grounds.lines());
		String node = evidence.node();
		CsrRecord newest = NodeCsrs.newest(waiting);
		return Optional.of(new Finding(RootCauseCode.CSR_APPROVER_NOT_RUNNING, "CSR approver not running",
				grounds.confidence(),
				summary(evidence, approval, allowed, notLeading), lines,
				"CSR " + newest.name() + " turning Approved (reason AutoApproved) within seconds while a"
						+ " controller-manager with csrapproving leads; or the Pending CSRs not being valid kubelet"
						+ " client requests (O=system:nodes, CN=system:node:" + node + ", no SANs, client auth"
						+ " usages), which the approver ignores whatever its state.",
				remediation(node, newest)));
	}

	private String summary(Evidence evidence, AutoApproval approval, boolean allowed, boolean notLeading) {
		String rbac = allowed ? "although RBAC lets them be auto-approved"
				: (approval.verdict() == AutoApproval.Verdict.DENIED)
						? "and RBAC would not let them be auto-approved either"
						: "and whether RBAC allows their auto-approval could not be told";
		String why;
		if (notLeading) {
			boolean missing = evidence.get(CertificateAuthorityFacts.class)
				.map((authority) -> authority.controllerManagerLeaseAge() == null)
				.orElse(false);
			why = (missing ? "No kube-controller-manager Lease exists" : "The kube-controller-manager Lease is stale")
					+ ": no controller-manager leads, so its csrapproving controller does not run, and approved"
					+ " CSRs are not signed either.";
		}
		else {
			why = "A controller-manager leads, so its csrapproving controller is most likely turned off (--controllers"
					+ " without csrapproving or '*').";
		}
		return approval.pendingSentence(evidence.node()) + ", " + rbac + ": the approver is not approving them. "
				+ why + " " + CurrentCertificates.impact(evidence, approval.waiting());
	}

	private List<Remediation> remediation(String node, CsrRecord newest) {
		return List.of(
				new Remediation("Check that a kube-controller-manager runs and holds its Lease",
						List.of(Commands.CONTROLLER_MANAGER_LEASE, Commands.CONTROLLER_MANAGER_PODS)),
				new Remediation("On a control-plane node (kubeadm paths): check that --controllers includes csrapproving,"
						+ " or '*' without '-csrapproving' (the default is '*'), and why the approver is idle; the kubelet"
						+ " restarts the static pod after the manifest is edited",
						List.of("sudo grep -E -- '--controllers' " + Commands.CONTROLLER_MANAGER_MANIFEST,
								"kubectl -n kube-system logs -l component=kube-controller-manager --tail=500"
										+ " | grep -iE 'csrapproving|certificatesigningrequest'")),
				Commands.verifyThenApprove(newest.name(), node));
	}

}
