package io.kubeletdoctor.report.web;

import java.util.List;

import io.kubeletdoctor.diagnosis.stepfacts.Answer;
import io.kubeletdoctor.diagnosis.stepfacts.RbacStepFacts;
import org.jspecify.annotations.Nullable;

/** rbac: who was asked for, how it was evaluated, each CSR permission check and the kubeadm bindings. */
final class RbacFactsView {

	private RbacFactsView() {
	}

	static void describe(RbacStepFacts facts, StepLines lines) {
		lines.listingTitle("Checks");
		List<String> groups = facts.groups();
		lines.detail("Asked for", facts.user() + (groups.isEmpty() ? "" : " in " + String.join(", ", groups)), null);
		lines.detail("Evaluated by", facts.evaluatedStatically()
				? "reading ClusterRoleBindings (SubjectAccessReview not allowed)" : "SubjectAccessReview", null);
		check(lines, facts.createCsrCheck(), "create certificatesigningrequests");
		check(lines, facts.selfNodeClientCheck(),
				"create certificatesigningrequests/selfnodeclient (renewal auto-approval)");
		check(lines, facts.nodeClientCheck(), "create certificatesigningrequests/nodeclient (bootstrap auto-approval)");
		List<String> present = listed(facts.kubeadmBindingsPresent());
		List<String> missing = listed(facts.kubeadmBindingsMissing());
		if (!present.isEmpty()) {
			lines.detail("kubeadm bindings present", String.join(", ", present), null);
		}
		if (!missing.isEmpty()) {
			lines.detail("kubeadm bindings missing", String.join(", ", missing) + " (matters on kubeadm clusters only)",
					"warn");
		}
		lines.detailIfPresent("kubeadm bindings", facts.kubeadmBindings());
	}

	/** A check is allowed or denied, or undecided with the reason why. */
	private static void check(StepLines lines, RbacStepFacts.Check check, String what) {
		Answer allowed = check.allowed();
		if (allowed == null) {
			return;
		}
		String reason = check.reason();
		String error = check.evaluationError();
		String detail = ((reason != null) ? ": " + reason : "") + ((error != null) ? " (error: " + error + ")" : "");
		if (allowed.decided() != null) {
			lines.item(allowed.yes() ? "allowed" : "denied", allowed.yes() ? "ok" : "bad", what + detail, false);
		}
		else {
			lines.item("undecided", "warn", what + ": " + allowed.undecided() + detail, false);
		}
	}

	private static List<String> listed(@Nullable List<String> names) {
		return (names != null) ? names : List.of();
	}

}
