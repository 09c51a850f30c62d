package io.kubeletdoctor.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.springframework.stereotype.Component;

/**
 * The node's client renewals stay Pending because RBAC does not let the approver auto-approve them
 * (no selfnodeclient grant for system:nodes). The approver then skips them silently. Stuck CSRs and
 * a denying SubjectAccessReview agree: HIGH. A denial read statically from the bindings (which miss
 * webhook authorizers) is an inference: MEDIUM. With RBAC unknown, the rule still names this most
 * common cause at LOW, unless the controller-manager is not leading, which the approver rule then
 * names instead.
 */
@Component
class ClientCsrNotAuthorizedRule implements DiagnosisRule {

	static final String CREATE_ROTATION_BINDING = "kubectl create clusterrolebinding " + AutoApproval.ROTATION_BINDING
			+ " --clusterrole=" + AutoApproval.SELF_NODE_CLIENT_ROLE + " --group=system:nodes";

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		AutoApproval approval = AutoApproval.read(evidence);
		boolean unknown = approval.verdict() == AutoApproval.Verdict.UNKNOWN;
		if (approval.waiting().isEmpty() || approval.verdict() == AutoApproval.Verdict.ALLOWED
				|| (unknown && ControllerManager.notLeading(evidence))) {
			return Optional.empty();
		}
		List<CsrRecord> waiting = approval.waiting();
		List<String> lines = new ArrayList<>(EvidenceText.csrs(waiting, "pending client"));
		lines.addAll(approval.evidence());
		CertificateAuthorityFacts authority = evidence.get(CertificateAuthorityFacts.class).orElse(null);
		boolean leading = authority != null && authority.controllerManagerLeaseAge() != null
				&& !ControllerManager.leaseStale(authority);
		if (leading) {
			lines.add(ControllerManager.lastRenewed(authority.controllerManagerLeaseAge())
					+ ": a controller-manager leads, so the approver runs");
		}
		lines.addAll(EvidenceText.logs(approval.timeouts(), 2));
		lines.addAll(Confidences.unchecked(evidence, Steps.RBAC, Steps.CERTIFICATE_AUTHORITY));
		String node = evidence.node();
		return Optional.of(new Finding(RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED,
				"Client renewals not authorized for auto-approval", confidence(approval),
				summary(evidence, approval, leading),
				lines,
				"kubectl auth can-i create certificatesigningrequests --subresource=selfnodeclient --as=system:node:"
						+ node + " --as-group=system:nodes answering yes: RBAC then allows auto-approval and the"
						+ " approver itself is at fault (CSR_APPROVER_NOT_RUNNING)."
						+ (unknown || approval.bySubjectAccessReview() ? ""
								: " Bindings read by themselves miss webhook and other non-RBAC authorizers."),
				remediation(node, NodeCsrs.newest(waiting))));
	}

	private static Confidence confidence(AutoApproval approval) {
		if (approval.verdict() == AutoApproval.Verdict.UNKNOWN) {
			return Confidence.LOW;
		}
		// The stuck CSRs are one check; the denial counts as a second only when the API server decided it.
		return Confidences.ofAgreeingChecks(approval.bySubjectAccessReview() ? 2 : 1);
	}

	private String summary(Evidence evidence, AutoApproval approval, boolean leading) {
		String node = evidence.node();
		String why;
		if (approval.verdict() == AutoApproval.Verdict.UNKNOWN) {
			why = "RBAC could not be checked" + (leading ? "; since a controller-manager leads," : ", and")
					+ " the usual reason is that nothing grants system:nodes the selfnodeclient permission the approver"
					+ " asks about.";
		}
		else {
			why = "RBAC does not let system:node:" + node + " have its own client renewals auto-approved"
					+ (approval.rotationBindingMissing() ? " (the kubeadm binding " + AutoApproval.ROTATION_BINDING
							+ " is missing)" : "")
					+ ", so the csrapproving controller silently leaves them Pending."
					+ (approval.bySubjectAccessReview() ? ""
							: " This was read from the bindings, not confirmed by a SubjectAccessReview.");
		}
		return approval.pendingSentence(node) + ". " + why + " "
				+ CurrentCertificates.impact(evidence, approval.waiting());
	}

	private List<Remediation> remediation(String node, CsrRecord newest) {
		return List.of(new Remediation("Let nodes have their own client renewals auto-approved: create the binding"
				+ " kubeadm creates (if " + AutoApproval.ROTATION_BINDING + " already exists, check instead that it binds "
				+ AutoApproval.SELF_NODE_CLIENT_ROLE + " to the group system:nodes), then confirm the permission",
				List.of("kubectl get clusterrolebinding " + AutoApproval.ROTATION_BINDING + " -o wide",
						CREATE_ROTATION_BINDING, Commands.canCreateCsr(node, "selfnodeclient"))),
				Commands.verifyThenApprove(newest.name(), node));
	}

}
