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
 * The node's client renewals stay Pending because RBAC does not let the approver auto-approve them
 * (no selfnodeclient grant for system:nodes), or a bootstrap token's CSRs for the node because the
 * kubeadm binding granting nodeclient to bootstrappers is gone. The approver then skips them
 * silently. A denial read statically from the bindings leaves webhook authorizers open; with RBAC
 * unknown, the rule still names this most common cause as an inference, unless the controller-manager
 * is not leading, which the approver rule then names instead.
 */
@Component
class ClientCsrNotAuthorizedRule implements DiagnosisRule {

	static final String CREATE_ROTATION_BINDING = "kubectl create clusterrolebinding " + AutoApproval.ROTATION_BINDING
			+ " --clusterrole=" + AutoApproval.SELF_NODE_CLIENT_ROLE + " --group=system:nodes";

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		AutoApproval approval = AutoApproval.read(evidence);
		boolean unknown = approval.verdict() == AutoApproval.Verdict.UNKNOWN;
		boolean nodeCsrs = !approval.waiting().isEmpty() && approval.verdict() != AutoApproval.Verdict.ALLOWED
				&& !(unknown && ControllerManager.notLeading(evidence));
		if (!nodeCsrs && !approval.bootstrapDenied()) {
			return Optional.empty();
		}
		List<CsrRecord> waiting = nodeCsrs ? approval.waiting() : approval.bootstrapWaiting();
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
		Grounds grounds = grounds(evidence, approval, nodeCsrs, leading);
		lines.addAll(grounds.lines());
		String node = evidence.node();
		String summary = nodeCsrs ? summary(evidence, approval, leading) : bootstrapSummary(evidence, approval);
		return Optional.of(new Finding(RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED,
				"Client renewals not authorized for auto-approval", grounds.confidence(), summary,
				lines,
				"kubectl auth can-i create certificatesigningrequests --subresource=selfnodeclient --as=system:node:"
						+ node + " --as-group=system:nodes answering yes: RBAC then allows auto-approval and the"
						+ " approver itself is at fault (CSR_APPROVER_NOT_RUNNING)."
						+ (unknown || approval.bySubjectAccessReview() ? ""
								: " Bindings read by themselves miss webhook and other non-RBAC authorizers."),
				nodeCsrs ? remediation(node, NodeCsrs.newest(waiting)) : bootstrapRemediation(node, NodeCsrs.newest(waiting))));
	}

	/**
	 * The Pending CSRs are observed, and a SubjectAccessReview observes the denial itself: the
	 * approver could then be down as well, but RBAC would still keep the CSRs Pending. A denial read
	 * from the bindings leaves an authorizer they do not show open, and a silent approver explains
	 * Pending CSRs as well unless a controller-manager leads. With RBAC unknown it is an inference.
	 */
	private static Grounds grounds(Evidence evidence, AutoApproval approval, boolean nodeCsrs, boolean leading) {
		if (nodeCsrs && approval.verdict() == AutoApproval.Verdict.UNKNOWN) {
			return Grounds.inferred("Pending client CSRs, with RBAC unknown")
				.excludingBy(evidence, Steps.RBAC, "RBAC allowing auto-approval, the approver then at fault", false);
		}
		boolean bySar = nodeCsrs ? approval.bySubjectAccessReview() : approval.bootstrapDeniedBySubjectAccessReview();
		if (bySar) {
			return Grounds.observed("client CSRs left Pending, and a SubjectAccessReview denying their auto-approval");
		}
		return Grounds.observed("client CSRs left Pending, and the RBAC bindings denying their auto-approval")
			.open("a webhook or other authorizer allowing auto-approval",
					"read from the bindings: this service may not create SubjectAccessReviews")
			.excluding("the approver not running", leading, "no fresh kube-controller-manager Lease shows a leader");
	}

	private static String bootstrapSummary(Evidence evidence, AutoApproval approval) {
		List<CsrRecord> waiting = approval.bootstrapWaiting();
		return waiting.size() + " bootstrap-token client CSR(s) for " + evidence.node() + " (requester "
				+ NodeCsrs.newest(waiting).username() + ") are Pending, the oldest for "
				+ EvidenceText.span(NodeCsrs.oldest(waiting).age()) + ": the node is re-joining with a bootstrap"
				+ " token, and RBAC does not let the approver auto-approve bootstrap requests (the kubeadm binding "
				+ AutoApproval.BOOTSTRAP_BINDING + " is missing), so it silently leaves them Pending. Until one is"
				+ " approved the kubelet has no valid client certificate.";
	}

	private List<Remediation> bootstrapRemediation(String node, CsrRecord newest) {
		return List.of(new Remediation("Let bootstrap tokens have their CSRs auto-approved again: restore the binding"
				+ " kubeadm creates", List.of("kubectl create clusterrolebinding " + AutoApproval.BOOTSTRAP_BINDING
						+ " --clusterrole=system:certificates.k8s.io:certificatesigningrequests:nodeclient"
						+ " --group=system:bootstrappers:kubeadm:default-node-token")),
				Commands.verifyThenApprove(newest.name(), node));
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
