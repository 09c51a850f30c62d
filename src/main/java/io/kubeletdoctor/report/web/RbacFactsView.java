package io.kubeletdoctor.report.web;

import java.util.List;

/** rbac: who was asked for, how it was evaluated, each CSR permission check and the kubeadm bindings. */
final class RbacFactsView implements StepFactsView {

	@Override
	public void describe(StepFacts facts, StepLines lines, ReportFormatter fmt) {
		lines.listingTitle("Checks");
		String user = facts.text("user");
		if (user != null) {
			List<String> groups = facts.strings("groups");
			lines.detail("Asked for", user + (groups.isEmpty() ? "" : " in " + String.join(", ", groups)), null);
		}
		lines.detail("Evaluated by", facts.isTrue("evaluatedStatically")
				? "reading ClusterRoleBindings (SubjectAccessReview not allowed)" : "SubjectAccessReview", null);
		check(facts, lines, "createCsr", "create certificatesigningrequests");
		check(facts, lines, "selfNodeClient", "create certificatesigningrequests/selfnodeclient (renewal auto-approval)");
		check(facts, lines, "nodeClient", "create certificatesigningrequests/nodeclient (bootstrap auto-approval)");
		List<String> missing = facts.strings("kubeadmBindingsMissing");
		List<String> present = facts.strings("kubeadmBindingsPresent");
		if (!present.isEmpty()) {
			lines.detail("kubeadm bindings present", String.join(", ", present), null);
		}
		if (!missing.isEmpty()) {
			lines.detail("kubeadm bindings missing", String.join(", ", missing) + " (matters on kubeadm clusters only)",
					"warn");
		}
		lines.detailIfPresent("kubeadm bindings", facts.text("kubeadmBindings"));
	}

	/** A check is true or false, or another value when the answer was undecided. */
	private static void check(StepFacts facts, StepLines lines, String key, String what) {
		Object value = facts.get(key);
		if (value == null) {
			return;
		}
		String reason = facts.text(key + "Reason");
		String error = facts.text(key + "EvaluationError");
		String detail = ((reason != null) ? ": " + reason : "") + ((error != null) ? " (error: " + error + ")" : "");
		if (value instanceof Boolean allowed) {
			lines.item(allowed ? "allowed" : "denied", allowed ? "ok" : "bad", what + detail, false);
		}
		else {
			lines.item("undecided", "warn", what + ": " + value + detail, false);
		}
	}

}
