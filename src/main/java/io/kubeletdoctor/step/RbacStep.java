package io.kubeletdoctor.step;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.diagnosis.RbacFacts;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.Answer;
import io.kubeletdoctor.diagnosis.stepfacts.RbacStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.RbacStepFacts.Check;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.playbook.DiagnosisStep;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Step 7: may the node identity create CSRs and have its client renewals auto-approved? Asked the
 * way the approving controller asks, with SubjectAccessReviews for {@code system:node:<node>}; when
 * kubelet-doctor may not create SubjectAccessReviews the ClusterRoleBindings are evaluated instead.
 * Also reports the kubeadm bootstrap bindings, whose absence only matters on kubeadm clusters.
 */
@Component
class RbacStep implements DiagnosisStep {

	static final String CERTIFICATES_GROUP = "certificates.k8s.io";

	static final String CSR_RESOURCE = "certificatesigningrequests";

	static final List<String> NODE_GROUPS = List.of("system:nodes", "system:authenticated");

	static final List<String> KUBEADM_BINDINGS = List.of("kubeadm:kubelet-bootstrap",
			"kubeadm:node-autoapprove-bootstrap", "kubeadm:node-autoapprove-certificate-rotation");

	static final String BINDINGS_KEY = "clusterrolebindings";

	static final String ROLES_KEY = "clusterroles";

	@Override
	public StepId id() {
		return StepId.RBAC;
	}

	@Override
	public String title() {
		return "Node RBAC for certificate requests";
	}

	@Override
	public StepResult run(StepContext context) {
		String user = CsrIndex.NODE_PREFIX + context.nodeName();
		Check create;
		Check selfNodeClient;
		Check nodeClient;
		boolean statically = false;
		try {
			create = review(context, user, "");
			selfNodeClient = review(context, user, "selfnodeclient");
			nodeClient = review(context, user, "nodeclient");
		}
		catch (ClusterAccessException ex) {
			if (!ex.forbidden()) {
				throw ex;
			}
			StaticRbac rbac;
			try {
				rbac = new StaticRbac(bindings(context), roles(context));
			}
			catch (ClusterAccessException readFailure) {
				return StepResult.unavailable("kubelet-doctor may neither create SubjectAccessReviews nor read "
						+ "ClusterRoleBindings (" + readFailure.getMessage() + ")",
						ManualCommands.canI(context.nodeName(), "selfnodeclient"));
			}
			statically = true;
			// nodes get plain CSR create from the Node authorizer, which RBAC objects do not show
			create = Check.of(rbac.allows(user, NODE_GROUPS, "create", CERTIFICATES_GROUP, CSR_RESOURCE)
					? Answer.of(true) : Answer.undecided("undecided (Node authorizer)"));
			selfNodeClient = Check.of(Answer.of(rbac.allows(user, NODE_GROUPS, "create", CERTIFICATES_GROUP,
					CSR_RESOURCE + "/selfnodeclient")));
			nodeClient = Check.of(Answer.of(rbac.allows(user, NODE_GROUPS, "create", CERTIFICATES_GROUP,
					CSR_RESOURCE + "/nodeclient")));
		}
		List<String> present = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		String bindingsUnreadable = null;
		try {
			for (String name : KUBEADM_BINDINGS) {
				(kubeadmBindingExists(context, name, statically) ? present : missing).add(name);
			}
		}
		catch (ClusterAccessException ex) {
			present.clear();
			missing.clear();
			bindingsUnreadable = ex.getMessage();
		}
		context.evidence().put(new RbacFacts(decided(create), decided(selfNodeClient), decided(nodeClient), present,
				missing, statically));
		RbacStepFacts facts = RbacStepFacts.of(user, NODE_GROUPS, create, selfNodeClient, nodeClient, statically,
				present, missing, bindingsUnreadable);
		return verdict(user, decided(create), decided(selfNodeClient), decided(nodeClient), missing, statically,
				facts);
	}

	private static @Nullable Boolean decided(Check check) {
		return (check.allowed() != null) ? check.allowed().decided() : null;
	}

	private static StepResult verdict(String user, @Nullable Boolean create, @Nullable Boolean selfNodeClient,
			@Nullable Boolean nodeClient, List<String> missing, boolean statically, RbacStepFacts facts) {
		String how = statically ? " (from ClusterRoleBindings)" : "";
		String kubeadm = missing.isEmpty() ? ""
				: "; kubeadm bindings missing: " + String.join(", ", missing) + " (expected only on kubeadm clusters)";
		if (Boolean.FALSE.equals(create)) {
			return StepResult.of(StepStatus.CRITICAL, user + " may not create CSRs" + how + kubeadm, facts);
		}
		if (Boolean.FALSE.equals(selfNodeClient) && Boolean.FALSE.equals(nodeClient)) {
			return StepResult.of(StepStatus.CRITICAL, "Client certificate renewals of " + user
					+ " will not be auto-approved: neither selfnodeclient nor nodeclient is allowed" + how + kubeadm,
					facts);
		}
		String allowed = Boolean.TRUE.equals(selfNodeClient) ? "selfnodeclient" : "nodeclient";
		return StepResult.of(StepStatus.OK, user + " may create CSRs and renewals are auto-approvable (" + allowed
				+ ")" + how + kubeadm, facts);
	}

	/**
	 * In a storm, one answer per question for every node of the drain, as long as no
	 * ClusterRoleBinding names a node's user one by one: then RBAC answers {@code system:node:a}
	 * exactly as {@code system:node:b}, through the groups they share, and the Node authorizer
	 * grants CSR creation to every node alike.
	 */
	private static Check review(StepContext context, String user, String subresource) {
		if (StormReads.storm(context) && noBindingNamesANode(context)) {
			return context.shared("storm/review/" + subresource, () -> ask(context, user, subresource));
		}
		return ask(context, user, subresource);
	}

	/** Decided once per drain, from the drain's one LIST of bindings. */
	private static boolean noBindingNamesANode(StepContext context) {
		try {
			// read first: a shared read must not run inside another one's computation
			List<ClusterRoleBinding> all = bindings(context);
			return context.shared("storm/no-binding-names-a-node", () -> all.stream()
				.filter((binding) -> binding.getSubjects() != null)
				.flatMap((binding) -> binding.getSubjects().stream())
				.noneMatch((subject) -> "User".equals(subject.getKind()) && subject.getName() != null
						&& subject.getName().startsWith(CsrIndex.NODE_PREFIX)));
		}
		catch (ClusterAccessException ex) {
			// Unknown: ask for every node.
			return false;
		}
	}

	private static Check ask(StepContext context, String user, String subresource) {
		SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
			.withUser(user)
			.withGroups(NODE_GROUPS)
			.withNewResourceAttributes()
			.withVerb("create")
			.withGroup(CERTIFICATES_GROUP)
			.withResource(CSR_RESOURCE)
			.withSubresource(subresource.isEmpty() ? null : subresource)
			.endResourceAttributes()
			.endSpec()
			.build();
		SubjectAccessReview answer = context.reader().review(review);
		boolean allowed = answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
		if (answer.getStatus() == null) {
			return Check.of(Answer.of(allowed));
		}
		return new Check(Answer.of(allowed), blankToNull(answer.getStatus().getReason()),
				blankToNull(answer.getStatus().getEvaluationError()));
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text != null && !text.isBlank()) ? text : null;
	}

	/**
	 * By name: three small GETs rather than a LIST of every binding in the cluster, unless the
	 * static evaluation already read that LIST or only {@code list} is granted. Either way once per
	 * drain.
	 */
	private static boolean kubeadmBindingExists(StepContext context, String name, boolean listed) {
		if (!listed) {
			try {
				return context.shared(BINDINGS_KEY + "/" + name, () -> context.reader().clusterRoleBinding(name))
					.isPresent();
			}
			catch (ClusterAccessException ex) {
				if (!ex.forbidden()) {
					throw ex;
				}
			}
		}
		return bindings(context).stream()
			.anyMatch((binding) -> binding.getMetadata() != null && name.equals(binding.getMetadata().getName()));
	}

	private static List<ClusterRoleBinding> bindings(StepContext context) {
		return context.shared(BINDINGS_KEY, () -> context.reader().clusterRoleBindings());
	}

	private static List<ClusterRole> roles(StepContext context) {
		return context.shared(ROLES_KEY, () -> context.reader().clusterRoles());
	}

}
