package io.kubeletdoctor.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.support.ApiRequest;
import org.jspecify.annotations.Nullable;

/**
 * What the RBAC objects of {@code app/} grant the kubelet-doctor ServiceAccount, expanded to one
 * permission per API group, resource, verb and resource name: ClusterRoles through
 * ClusterRoleBindings apply everywhere, Roles through RoleBindings only in their namespace.
 */
final class GrantedPermissions {

	private final List<Permission> permissions;

	private GrantedPermissions(List<Permission> permissions) {
		this.permissions = permissions;
	}

	static GrantedPermissions of(AppManifests manifests) {
		List<Permission> permissions = new ArrayList<>();
		for (YamlNode binding : manifests.ofKind("ClusterRoleBinding")) {
			if (bindsServiceAccount(binding)) {
				YamlNode role = manifests.object(binding.get("roleRef").get("kind").text(), null,
						binding.get("roleRef").get("name").text());
				expand(role, null, permissions);
			}
		}
		for (YamlNode binding : manifests.ofKind("RoleBinding")) {
			if (bindsServiceAccount(binding)) {
				String namespace = binding.get("metadata").get("namespace").text();
				String kind = binding.get("roleRef").get("kind").text();
				YamlNode role = manifests.object(kind, "Role".equals(kind) ? namespace : null,
						binding.get("roleRef").get("name").text());
				expand(role, namespace, permissions);
			}
		}
		return new GrantedPermissions(List.copyOf(permissions));
	}

	private static boolean bindsServiceAccount(YamlNode binding) {
		return binding.get("subjects")
			.items()
			.stream()
			.anyMatch((subject) -> "ServiceAccount".equals(subject.get("kind").textOrNull())
					&& AppManifests.NAME.equals(subject.get("name").textOrNull())
					&& AppManifests.NAMESPACE.equals(subject.get("namespace").textOrNull()));
	}

	private static void expand(YamlNode role, @Nullable String namespace, List<Permission> permissions) {
		String source = role.get("kind").text() + " " + ((namespace != null) ? namespace + "/" : "")
				+ role.get("metadata").get("name").text();
		for (YamlNode rule : role.get("rules").items()) {
			List<String> names = rule.get("resourceNames").texts();
			for (String group : rule.get("apiGroups").texts()) {
				for (String resource : rule.get("resources").texts()) {
					for (String verb : rule.get("verbs").texts()) {
						if (names.isEmpty()) {
							permissions.add(new Permission(namespace, group, resource, verb, null, source));
						}
						for (String name : names) {
							permissions.add(new Permission(namespace, group, resource, verb, name, source));
						}
					}
				}
			}
		}
	}

	List<Permission> all() {
		return this.permissions;
	}

	Optional<Permission> granting(ApiRequest request) {
		return this.permissions.stream().filter((permission) -> permission.allows(request)).findFirst();
	}

	/**
	 * One thing a rule allows. Matching is exact (the manifests use no wildcards): a Role's
	 * permission holds only in its namespace, and resource names restrict requests to those names.
	 */
	record Permission(@Nullable String namespace, String apiGroup, String resource, String verb,
			@Nullable String resourceName, String source) {

		boolean allows(ApiRequest request) {
			return (this.namespace == null || this.namespace.equals(request.namespace()))
					&& this.apiGroup.equals(request.apiGroup()) && this.resource.equals(request.qualifiedResource())
					&& this.verb.equals(request.verb())
					&& (this.resourceName == null || this.resourceName.equals(request.name()));
		}

		@Override
		public String toString() {
			String group = this.apiGroup.isEmpty() ? "core" : this.apiGroup;
			String named = (this.resourceName != null) ? " " + this.resourceName : "";
			String scope = (this.namespace != null) ? " in " + this.namespace : "";
			return this.verb + " " + group + "/" + this.resource + named + scope + " (" + this.source + ")";
		}

	}

}
