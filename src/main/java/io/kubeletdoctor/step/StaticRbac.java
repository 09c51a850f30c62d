package io.kubeletdoctor.step;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;

/**
 * Answers "may this identity do that?" from ClusterRoleBindings and ClusterRoles alone, for when
 * kubelet-doctor may not ask the API server with a SubjectAccessReview. It sees RBAC only, not the
 * Node authorizer; namespaced RoleBindings cannot grant cluster-scoped CSR permissions anyway.
 */
final class StaticRbac {

	private final List<ClusterRoleBinding> bindings;

	private final Map<String, ClusterRole> roles;

	StaticRbac(List<ClusterRoleBinding> bindings, List<ClusterRole> roles) {
		this.bindings = bindings;
		this.roles = roles.stream()
			.filter((role) -> role.getMetadata() != null && role.getMetadata().getName() != null)
			.collect(Collectors.toMap((role) -> role.getMetadata().getName(), Function.identity(), (a, b) -> a));
	}

	boolean allows(String user, List<String> groups, String verb, String apiGroup, String resource) {
		for (ClusterRoleBinding binding : this.bindings) {
			if (binding.getRoleRef() == null || !"ClusterRole".equals(binding.getRoleRef().getKind())
					|| !bound(binding, user, groups)) {
				continue;
			}
			ClusterRole role = this.roles.get(binding.getRoleRef().getName());
			if (role != null && role.getRules() != null
					&& role.getRules().stream().anyMatch((rule) -> grants(rule, verb, apiGroup, resource))) {
				return true;
			}
		}
		return false;
	}

	private static boolean bound(ClusterRoleBinding binding, String user, List<String> groups) {
		if (binding.getSubjects() == null) {
			return false;
		}
		for (Subject subject : binding.getSubjects()) {
			if ("User".equals(subject.getKind()) && user.equals(subject.getName())) {
				return true;
			}
			if ("Group".equals(subject.getKind()) && groups.contains(subject.getName())) {
				return true;
			}
		}
		return false;
	}

	/** A rule restricted to resource names never grants {@code create}, whose object has no name yet. */
	static boolean grants(PolicyRule rule, String verb, String apiGroup, String resource) {
		if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()) {
			return false;
		}
		return matches(rule.getVerbs(), verb) && matches(rule.getApiGroups(), apiGroup)
				&& resourceMatches(rule.getResources(), resource);
	}

	private static boolean matches(List<String> values, String wanted) {
		return values != null && (values.contains("*") || values.contains(wanted));
	}

	private static boolean resourceMatches(List<String> resources, String resource) {
		if (resources == null) {
			return false;
		}
		if (resources.contains("*") || resources.contains(resource)) {
			return true;
		}
		int slash = resource.indexOf('/');
		if (slash < 0) {
			return false;
		}
		// RBAC lets "csr/*" cover every subresource and "*/sub" one subresource of every resource
		return resources.contains(resource.substring(0, slash) + "/*")
				|| resources.contains("*/" + resource.substring(slash + 1));
	}

}
