package io.kubeletdoctor.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RbacFacts;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The API server refuses to let the kubelet create CSRs (403), so it cannot renew anything. Three
 * different reasons, told apart by the kubelet's log lines: RBAC denies the node identity; the
 * NodeRestriction admission plugin refuses a CN other than the node's own; or the kubelet is
 * {@code system:anonymous} because it presented no valid client certificate, which is then the real
 * cause (CLIENT_CERT_EXPIRED ranks first) and no RBAC change must be made.
 * <p>
 * A 401 on CSR creation alone does not fire this rule: the API server rejected the credentials
 * themselves (expired, or signed by a CA it no longer trusts), so no permission is involved and the
 * client-certificate rule reads it.
 */
@Component
class CsrCreateForbiddenRule implements DiagnosisRule {

	private static final String ANONYMOUS = "system:anonymous";

	private static final String NODE_RESTRICTION = "can only create a node CSR with CN=";

	/** NodeRestriction names the identity the kubelet authenticated with, not the CN it asked for. */
	private static final Pattern RESTRICTED_TO = Pattern.compile("CN=(system:node:[^\\s\"',\\\\]+)");

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		List<KubeletLogFacts.Line> forbidden = History.presentLogs(evidence)
			.map((logs) -> logs.of(LogSignal.CSR_CREATE_FORBIDDEN))
			.orElse(List.of());
		RbacFacts rbac = evidence.get(RbacFacts.class).orElse(null);
		boolean rbacDenies = rbac != null && Boolean.FALSE.equals(rbac.createCsrAllowed());
		if (forbidden.isEmpty() && !rbacDenies) {
			return Optional.empty();
		}
		List<KubeletLogFacts.Line> anonymous = containing(forbidden, ANONYMOUS);
		List<KubeletLogFacts.Line> restricted = containing(forbidden, NODE_RESTRICTION);
		boolean rbacLogged = forbidden.size() > anonymous.size() + restricted.size();
		String node = evidence.node();
		List<String> lines = new ArrayList<>(EvidenceText.logs(forbidden, 3));
		List<String> reasons = new ArrayList<>();
		List<Remediation> remediation = new ArrayList<>();
		if (rbacDenies) {
			lines.add((rbac.evaluatedStatically() ? "Static evaluation of the RBAC bindings" : "SubjectAccessReview")
					+ ": system:node:" + node + " may not create certificatesigningrequests");
		}
		if (rbacLogged || rbacDenies) {
			reasons.add("no authorizer lets system:node:" + node + " create certificatesigningrequests (the Node"
					+ " authorizer grants it to every node, so it is off or RBAC replaced it)");
			remediation.add(authorizeNodes(node));
		}
		if (!restricted.isEmpty()) {
			reasons.add("the NodeRestriction admission plugin lets the kubelet's identity, " + identity(restricted)
					+ ", ask only for a certificate in that name, and the kubelet asked for another: the node name it"
					+ " uses now differs from the one its client certificate carries");
			remediation.add(renamedNode());
		}
		if (!anonymous.isEmpty()) {
			reasons.add("the API server sees the kubelet as system:anonymous because it presented no valid client"
					+ " certificate; that expired or missing certificate is the cause, not a permission, and CSR rights"
					+ " must never be granted to system:anonymous");
			remediation.add(anonymousKubelet());
		}
		Grounds grounds = grounds(forbidden, rbac, rbacDenies, rbacLogged);
		lines.addAll(grounds.lines());
		return Optional.of(new Finding(RootCauseCode.CSR_CREATE_FORBIDDEN, "Kubelet may not create CSRs",
				grounds.confidence(), "The kubelet on " + node + " is forbidden to create"
						+ " certificate signing requests, so it can renew neither its client nor its serving certificate: "
						+ String.join("; and ", reasons) + ".",
				lines,
				"A CSR from system:node:" + node + " created after the forbidden errors, or "
						+ Commands.canCreateCsr(node, null) + " answering yes while the kubelet presents a valid"
						+ " client certificate for its own node name.",
				remediation));
	}

	/**
	 * The API server's 403 in the kubelet's log is the fault observed; a denying SubjectAccessReview
	 * without such lines observes the permission, not the kubelet failing. An RBAC denial in the log
	 * may be history: a SubjectAccessReview denying now rules that out.
	 */
	private static Grounds grounds(List<KubeletLogFacts.Line> forbidden, @Nullable RbacFacts rbac,
			boolean rbacDenies, boolean rbacLogged) {
		boolean sarDenies = rbac != null && rbacDenies && !rbac.evaluatedStatically();
		boolean sarAllows = rbac != null && !rbac.evaluatedStatically() && Boolean.TRUE.equals(rbac.createCsrAllowed());
		if (forbidden.isEmpty()) {
			Grounds grounds = sarDenies ? Grounds.observed("a SubjectAccessReview denying the node CSR creation")
					: Grounds.inferred("the RBAC bindings read by themselves");
			return grounds.open("the kubelet not needing a CSR yet", "no forbidden error in its log");
		}
		Grounds grounds = Grounds.observed("the API server's 403 on CSR creation in the kubelet's log");
		if (rbacLogged) {
			String restored = "the permission restored since the errors were logged";
			if (sarAllows) {
				grounds.supported(restored, "a SubjectAccessReview allows it now");
			}
			else {
				grounds.excluding(restored, sarDenies, "no SubjectAccessReview could confirm it now");
			}
		}
		return grounds;
	}

	private static List<KubeletLogFacts.Line> containing(List<KubeletLogFacts.Line> lines, String text) {
		return lines.stream().filter((line) -> line.text().contains(text)).toList();
	}

	private static String identity(List<KubeletLogFacts.Line> restricted) {
		for (KubeletLogFacts.Line line : restricted) {
			Matcher matcher = RESTRICTED_TO.matcher(line.text());
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return "its node identity";
	}

	private static Remediation authorizeNodes(String node) {
		return new Remediation("Let nodes create CSRs: the API server's --authorization-mode should include Node"
				+ " (kubeadm sets Node,RBAC); otherwise grant system:node-bootstrapper to the group system:nodes",
				List.of(Commands.canCreateCsr(node, null),
						"sudo grep -- '--authorization-mode' /etc/kubernetes/manifests/kube-apiserver.yaml",
						"kubectl create clusterrolebinding nodes-create-csr --clusterrole=system:node-bootstrapper"
								+ " --group=system:nodes"));
	}

	private static Remediation renamedNode() {
		return new Remediation("On the node: compare the node name the kubelet uses now with the one in its client"
				+ " certificate, then restore the old name, or drain and delete the old Node and join the machine"
				+ " again under the new name", List.of("hostname",
						"sudo grep -rE 'hostname-override|hostnameOverride' /var/lib/kubelet/kubeadm-flags.env "
								+ Commands.KUBELET_CONFIG + " /etc/default/kubelet 2>/dev/null",
						Commands.CLIENT_CERT_EXPIRY));
	}

	private static Remediation anonymousKubelet() {
		return new Remediation("On the node: renew the kubelet's client credentials as for an expired client"
				+ " certificate; do not grant anything to system:anonymous",
				List.of(Commands.CLIENT_CERT_EXPIRY, Commands.KUBELET_CERT_LOG));
	}

}
