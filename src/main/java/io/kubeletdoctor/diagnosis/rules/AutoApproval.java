package io.kubeletdoctor.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RbacFacts;

/**
 * The node's client renewals left Pending, and whether RBAC lets the csrapproving controller approve
 * them. The controller approves a kubelet client CSR whose requester is its own subject after a
 * SubjectAccessReview for {@code certificatesigningrequests/selfnodeclient} (or {@code nodeclient}).
 * Read by the not-authorized and the approver-not-running rules, which split on the verdict so that
 * at least one of them explains any stuck renewal.
 */
final class AutoApproval {

	static final String ROTATION_BINDING = "kubeadm:node-autoapprove-certificate-rotation";

	static final String BOOTSTRAP_BINDING = "kubeadm:node-autoapprove-bootstrap";

	static final String BOOTSTRAP_REQUESTER = "system:bootstrap:";

	static final String SELF_NODE_CLIENT_ROLE = "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient";

	enum Verdict {

		ALLOWED, DENIED, UNKNOWN

	}

	private final List<CsrRecord> waiting;

	private final Verdict verdict;

	private final boolean bySubjectAccessReview;

	private final boolean rotationBindingMissing;

	private final List<KubeletLogFacts.Line> timeouts;

	private final List<String> evidence = new ArrayList<>();

	private List<CsrRecord> bootstrapWaiting = List.of();

	private boolean bootstrapDenied;

	private boolean bootstrapDeniedBySubjectAccessReview;

	private AutoApproval(List<CsrRecord> waiting, List<KubeletLogFacts.Line> timeouts, Verdict verdict,
			boolean bySubjectAccessReview, boolean rotationBindingMissing) {
		this.waiting = waiting;
		this.timeouts = timeouts;
		this.verdict = verdict;
		this.bySubjectAccessReview = bySubjectAccessReview;
		this.rotationBindingMissing = rotationBindingMissing;
	}

	static AutoApproval read(Evidence evidence) {
		String requester = "system:node:" + evidence.node();
		// Only the node's own requests: a bootstrap-token CSR is judged by the token's bindings, not the node's.
		List<CsrRecord> waiting = NodeCsrs.stuckPending(evidence,
				(csr) -> csr.clientRequest() && requester.equals(csr.username()));
		List<KubeletLogFacts.Line> timeouts = History.presentLogs(evidence)
			.map((logs) -> logs.of(LogSignal.CSR_NOT_SIGNED_TIMEOUT))
			.orElse(List.of())
			.stream()
			.filter((line) -> line.text().contains(CsrRecord.KUBELET_CLIENT_SIGNER))
			.toList();
		RbacFacts rbac = evidence.get(RbacFacts.class).orElse(null);
		List<CsrRecord> bootstrap = NodeCsrs.stuckPending(evidence, (csr) -> csr.clientRequest()
				&& csr.username() != null && csr.username().startsWith(BOOTSTRAP_REQUESTER)
				&& requester.equals(csr.commonName()));
		if (rbac == null) {
			AutoApproval unknown = new AutoApproval(waiting, timeouts, Verdict.UNKNOWN, false, false);
			unknown.bootstrapWaiting = bootstrap;
			return unknown;
		}
		boolean allowed = Boolean.TRUE.equals(rbac.selfNodeClientAllowed())
				|| Boolean.TRUE.equals(rbac.nodeClientAllowed());
		boolean denied = !allowed && Boolean.FALSE.equals(rbac.selfNodeClientAllowed());
		// Only meaningful on a kubeadm cluster, recognised by kubeadm's other bootstrap bindings.
		boolean bindingMissing = rbac.bootstrapBindingsMissing().contains(ROTATION_BINDING)
				&& rbac.bootstrapBindingsPresent().stream().anyMatch((binding) -> binding.startsWith("kubeadm:"));
		Verdict verdict = allowed ? Verdict.ALLOWED : (denied || bindingMissing) ? Verdict.DENIED : Verdict.UNKNOWN;
		AutoApproval approval = new AutoApproval(waiting, timeouts, verdict,
				(allowed || denied) && !rbac.evaluatedStatically(), bindingMissing);
		approval.describe(rbac, requester, denied);
		approval.bootstrapWaiting = bootstrap;
		approval.readBootstrap(rbac);
		return approval;
	}

	private void describe(RbacFacts rbac, String requester, boolean denied) {
		String how = rbac.evaluatedStatically()
				? "Static evaluation of the RBAC bindings (this service may not create SubjectAccessReviews)"
				: "SubjectAccessReview, asked as the approver asks";
		if (this.verdict == Verdict.ALLOWED) {
			String subresource = Boolean.TRUE.equals(rbac.selfNodeClientAllowed()) ? "selfnodeclient" : "nodeclient";
			this.evidence.add(how + ": " + requester + " may create certificatesigningrequests/" + subresource
					+ ", so its client renewals qualify for auto-approval");
		}
		else if (denied) {
			this.evidence.add(how + ": " + requester + " may not create certificatesigningrequests/selfnodeclient"
					+ (Boolean.FALSE.equals(rbac.nodeClientAllowed()) ? " nor nodeclient" : "")
					+ ", so the approver leaves its client renewals Pending");
		}
		if (this.rotationBindingMissing && this.verdict == Verdict.DENIED) {
			this.evidence.add("ClusterRoleBinding " + ROTATION_BINDING + " is missing while the other kubeadm"
					+ " bindings exist (" + String.join(", ", rbac.bootstrapBindingsPresent()) + "): nothing grants "
					+ "selfnodeclient to the group system:nodes any more");
		}
	}

	/**
	 * Bootstrap-token CSRs are approved through the nodeclient recognizer, which kubeadm grants the
	 * bootstrap group with its own binding; that binding missing while the other kubeadm bindings
	 * exist leaves them Pending.
	 */
	private void readBootstrap(RbacFacts rbac) {
		if (this.bootstrapWaiting.isEmpty()) {
			return;
		}
		this.bootstrapDenied = rbac.bootstrapBindingsMissing().contains(BOOTSTRAP_BINDING)
				&& rbac.bootstrapBindingsPresent().stream().anyMatch((binding) -> binding.startsWith("kubeadm:"));
		this.bootstrapDeniedBySubjectAccessReview = this.bootstrapDenied && !rbac.evaluatedStatically()
				&& Boolean.FALSE.equals(rbac.nodeClientAllowed());
		if (this.bootstrapDenied) {
			this.evidence.add("ClusterRoleBinding " + BOOTSTRAP_BINDING + " is missing while the other kubeadm"
					+ " bindings exist: nothing grants certificatesigningrequests/nodeclient to the bootstrap group,"
					+ " so the approver leaves bootstrap-token CSRs Pending"
					+ (this.bootstrapDeniedBySubjectAccessReview ? "; a SubjectAccessReview for nodeclient says no"
							: ""));
		}
	}

	/** Client CSRs a bootstrap token filed for the node, Pending past {@link NodeCsrs#STUCK_AFTER}. */
	List<CsrRecord> bootstrapWaiting() {
		return this.bootstrapWaiting;
	}

	/** RBAC keeps the node's bootstrap-token CSRs from auto-approval. */
	boolean bootstrapDenied() {
		return this.bootstrapDenied;
	}

	boolean bootstrapDeniedBySubjectAccessReview() {
		return this.bootstrapDeniedBySubjectAccessReview;
	}

	/** Client CSRs the node itself filed, Pending past {@link NodeCsrs#STUCK_AFTER} and not superseded. */
	List<CsrRecord> waiting() {
		return this.waiting;
	}

	/** The kubelet's own word that a client CSR went unanswered for 15 minutes. */
	List<KubeletLogFacts.Line> timeouts() {
		return this.timeouts;
	}

	Verdict verdict() {
		return this.verdict;
	}

	/** The verdict came from a SubjectAccessReview, not from reading bindings, which misses webhook authorizers. */
	boolean bySubjectAccessReview() {
		return this.bySubjectAccessReview;
	}

	boolean rotationBindingMissing() {
		return this.rotationBindingMissing;
	}

	List<String> evidence() {
		return List.copyOf(this.evidence);
	}

	/** "3 client CSR(s) of worker-1 are Pending, the oldest for 47 minutes" and the retry cadence when visible. */
	String pendingSentence(String node) {
		CsrRecord oldest = NodeCsrs.oldest(this.waiting);
		String sentence = this.waiting.size() + " client certificate CSR(s) of " + node + " are Pending, the oldest for "
				+ EvidenceText.span(oldest.age());
		if (this.waiting.size() > 1) {
			CsrRecord newest = NodeCsrs.newest(this.waiting);
			sentence += ", one new every " + EvidenceText.span(oldest.age().minus(newest.age())
				.dividedBy(this.waiting.size() - 1)) + " or so as the kubelet gives up and retries";
		}
		return sentence;
	}

}
