package io.kubeletdoctor.deploy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code app/} is a well-formed kustomize base (kubectl is not needed to check it): its resources
 * exist and parse, the fields are ones the Kubernetes schema knows, names and namespaces agree,
 * the pod is "restricted", and credentials come from Secrets the base does not ship.
 */
class KustomizeBaseTests {

	private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

	/** Roles live where the objects they grant do. */
	private static final Set<String> ROLE_NAMESPACES = Set.of("kube-system", "kube-node-lease");

	private static final Path NODE_PROXY = AppManifests.APP.resolve("components/node-proxy");

	private final AppManifests manifests = AppManifests.load();

	@Test
	void everyResourceIsOneKubernetesObject() throws IOException {
		YamlNode kustomization = this.manifests.kustomization();
		assertThat(kustomization.get("apiVersion").text()).isEqualTo("kustomize.config.k8s.io/v1beta1");
		assertThat(kustomization.get("kind").text()).isEqualTo("Kustomization");
		assertThat(kustomization.get("namespace").exists())
			.as("a kustomization namespace would move the kube-system and kube-node-lease Roles")
			.isFalse();
		for (String file : kustomization.get("resources").texts()) {
			Path path = AppManifests.APP.resolve(file);
			assertThat(path).isRegularFile();
			assertThat(documents(path)).as(file).isEqualTo(1);
			YamlNode object = YamlNode.load(path);
			assertThat(object.get("apiVersion").textOrNull()).as(file).isNotBlank();
			assertThat(object.get("kind").textOrNull()).as(file).isNotBlank();
			assertThat(object.get("metadata").get("name").textOrNull()).as(file).isNotBlank();
		}
	}

	@Test
	void everyManifestOfAppIsInTheBaseOrAnOptionalPart() throws IOException {
		Set<String> listed = new HashSet<>(this.manifests.kustomization().get("resources").texts());
		listed.add("kustomization.yaml");
		// an Alertmanager configuration example, not a Kubernetes object
		listed.add("alertmanager-receiver.yaml");
		try (Stream<Path> files = Files.list(AppManifests.APP)) {
			for (Path path : files.toList()) {
				String name = path.getFileName().toString();
				if (name.equals("components")) {
					try (Stream<Path> components = Files.list(path)) {
						components.forEach(KustomizeBaseTests::assertResourcesExist);
					}
				}
				else if (Files.isDirectory(path)) {
					assertResourcesExist(path);
				}
				else {
					assertThat(listed).as("%s is neither a resource nor documented as left out", name).contains(name);
				}
			}
		}
	}

	@Test
	void objectsAreUniqueAndInTheirNamespaces() {
		Set<String> keys = new HashSet<>();
		for (YamlNode object : this.manifests.objects()) {
			String kind = object.get("kind").text();
			String name = object.get("metadata").get("name").text();
			String namespace = object.get("metadata").get("namespace").textOrNull();
			assertThat(keys.add(kind + "/" + namespace + "/" + name)).as("duplicate %s %s", kind, name).isTrue();
			if (CLUSTER_SCOPED.contains(kind)) {
				assertThat(namespace).as("%s %s is cluster-scoped", kind, name).isNull();
			}
			else if (kind.equals("Role") || kind.equals("RoleBinding")) {
				assertThat(namespace).as("%s %s", kind, name).isIn(ROLE_NAMESPACES);
			}
			else {
				assertThat(namespace).as("%s %s", kind, name).isEqualTo(AppManifests.NAMESPACE);
			}
		}
		assertThat(this.manifests.object("Namespace", null, AppManifests.NAMESPACE).exists()).isTrue();
		assertThat(this.manifests.object("ServiceAccount", AppManifests.NAMESPACE, AppManifests.NAME).exists())
			.isTrue();
		for (String namespace : ROLE_NAMESPACES) {
			YamlNode binding = this.manifests.object("RoleBinding", namespace, AppManifests.NAME);
			YamlNode roleRef = binding.get("roleRef");
			String kind = roleRef.get("kind").text();
			assertThat(this.manifests.object(kind, namespace, roleRef.get("name").text()).exists()).isTrue();
		}
	}

	@Test
	void manifestsUseOnlyFieldsTheKubernetesSchemaKnows() throws IOException {
		KubernetesSerialization serialization = new KubernetesSerialization();
		for (String file : this.manifests.kustomization().get("resources").texts()) {
			String yaml = Files.readString(AppManifests.APP.resolve(file), StandardCharsets.UTF_8);
			Object model = serialization.unmarshal(yaml);
			assertThat(model).as(file).isNotInstanceOf(GenericKubernetesResource.class);
			List<String> unknown = new ArrayList<>();
			collectUnknownFields(model, file, unknown);
			assertThat(unknown).as("fields the schema does not know (the API server drops or rejects them)")
				.isEmpty();
		}
	}

	@Test
	void deploymentRunsTwoProbedReplicasBehindTheService() {
		YamlNode deployment = this.manifests.deployment();
		YamlNode pod = deployment.get("spec").get("template");
		Map<String, YamlNode> podLabels = pod.get("metadata").get("labels").entries();
		assertThat(deployment.get("spec").get("replicas").value()).isEqualTo(2);
		assertThat(deployment.get("spec").get("selector").get("matchLabels").entries()).allSatisfy(
				(key, value) -> assertThat(podLabels.get(key).text()).isEqualTo(value.text()));
		assertThat(pod.get("spec").get("serviceAccountName").text()).isEqualTo(AppManifests.NAME);

		YamlNode container = this.manifests.container();
		YamlNode port = container.get("ports").find("containerPort", "8080");
		YamlNode management = container.get("ports").find("containerPort", "8081");
		assertThat(container.get("env").find("name", "MANAGEMENT_SERVER_PORT").get("value").text()).isEqualTo("8081");
		YamlNode service = this.manifests.object("Service", AppManifests.NAMESPACE, AppManifests.NAME);
		assertThat(service.get("spec").get("selector").entries()).isNotEmpty().allSatisfy(
				(key, value) -> assertThat(podLabels.get(key).text()).isEqualTo(value.text()));
		YamlNode servicePort = service.get("spec").get("ports").find("port", "8080");
		assertThat(servicePort.get("targetPort").text()).isIn(port.get("name").text(), "8080");
		// the actuator on a port of its own, which no Ingress publishes
		assertProbe(container.get("readinessProbe"), "/actuator/health/readiness", management);
		assertProbe(container.get("livenessProbe"), "/actuator/health/liveness", management);
		assertProbe(container.get("startupProbe"), "/actuator/health/liveness", management);
		assertThat(container.get("env").find("name", "SERVER_SERVLET_SESSION_COOKIE_SECURE").get("value").text())
			.isEqualTo("true");
		for (String kind : List.of("requests", "limits")) {
			assertThat(container.get("resources").get(kind).entries()).as(kind).containsKeys("cpu", "memory");
		}
	}

	@Test
	void podMeetsTheRestrictedPodSecurityStandard() {
		YamlNode podSpec = this.manifests.deployment().get("spec").get("template").get("spec");
		YamlNode container = this.manifests.container();
		YamlNode security = container.get("securityContext");
		assertThat(podSpec.get("securityContext").get("runAsNonRoot").value()).isEqualTo(true);
		assertThat(podSpec.get("securityContext").get("seccompProfile").get("type").text()).isEqualTo("RuntimeDefault");
		assertThat(security.get("allowPrivilegeEscalation").value()).isEqualTo(false);
		assertThat(security.get("readOnlyRootFilesystem").value()).isEqualTo(true);
		assertThat(security.get("capabilities").get("drop").texts()).containsExactly("ALL");
		assertThat(security.get("capabilities").get("add").exists()).isFalse();
		assertThat(podSpec.get("hostNetwork").exists() || podSpec.get("hostPID").exists()).isFalse();
		// with a read-only root, everything the JVM and the service write goes to emptyDirs
		Set<String> emptyDirs = new HashSet<>();
		podSpec.get("volumes").items().forEach((volume) -> {
			assertThat(volume.get("emptyDir").exists()).as(volume.path()).isTrue();
			emptyDirs.add(volume.get("name").text());
		});
		Map<String, String> mounts = new LinkedHashMap<>();
		container.get("volumeMounts").items().forEach((mount) -> mounts.put(mount.get("mountPath").text(),
				mount.get("name").text()));
		assertThat(mounts).containsOnlyKeys("/tmp", "/var/lib/kubelet-doctor");
		assertThat(emptyDirs).containsAll(mounts.values());
		YamlNode namespace = this.manifests.object("Namespace", null, AppManifests.NAMESPACE);
		assertThat(namespace.get("metadata").get("labels").get("pod-security.kubernetes.io/enforce").text())
			.isEqualTo("restricted");
	}

	@Test
	void credentialsComeFromSecretsTheBaseDoesNotShip() {
		YamlNode env = this.manifests.container().get("env");
		for (String name : List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
				"KUBELET_DOCTOR_WEBHOOK_TOKEN", "KUBELET_DOCTOR_UI_TOKEN")) {
			YamlNode reference = env.find("name", name).get("valueFrom").get("secretKeyRef");
			assertThat(reference.get("name").textOrNull()).as(name).isNotBlank();
			assertThat(reference.get("key").textOrNull()).as(name).isNotBlank();
		}
		assertThat(env.find("name", "KUBELET_DOCTOR_PUBLIC_URL").get("value").text()).startsWith("http");
		assertThat(this.manifests.ofKind("Secret")).isEmpty();
	}

	@Test
	void rbacIsReadOnlyWithoutWildcardsOrSecrets() {
		List<YamlNode> roles = new ArrayList<>(this.manifests.ofKind("ClusterRole"));
		roles.addAll(this.manifests.ofKind("Role"));
		assertThat(roles).isNotEmpty();
		for (YamlNode role : roles) {
			for (YamlNode rule : role.get("rules").items()) {
				assertThat(rule.get("nonResourceURLs").exists()).as(rule.path()).isFalse();
				assertThat(rule.get("apiGroups").texts()).as(rule.path()).doesNotContain("*");
				assertThat(rule.get("resources").texts()).as(rule.path()).doesNotContain("*", "secrets");
				List<String> verbs = rule.get("verbs").texts();
				if (rule.get("resources").texts().equals(List.of("subjectaccessreviews"))) {
					assertThat(verbs).as(rule.path()).containsExactly("create");
				}
				else {
					assertThat(verbs).as(rule.path()).isSubsetOf("get", "list");
				}
			}
		}
	}

	@Test
	void optionalPermissionsSayWhatIsLostWithoutThem() throws IOException {
		List<String> lines = Files.readAllLines(AppManifests.APP.resolve("clusterrole.yaml"));
		int rule = indexOf(lines, "\"subjectaccessreviews\"");
		while (!lines.get(rule).strip().startsWith("- ")) {
			rule--;
		}
		int start = rule;
		while (lines.get(start - 1).strip().startsWith("#")) {
			start--;
		}
		String comment = String.join(" ", lines.subList(start, rule));
		assertThat(comment).as("comment above the subjectaccessreviews rule").contains("OPTIONAL").contains("Without it");
		String nodeProxy = Files.readString(NODE_PROXY.resolve("clusterrole-node-proxy.yaml"));
		assertThat(nodeProxy).as("the node-proxy component's ClusterRole").contains("OPTIONAL", "Without it", "exec", "every pod");
	}

	/**
	 * What {@code kubectl kustomize app} renders: the base's resources and nothing else, since the
	 * base lists no components. None of it grants nodes/proxy, nor any wildcard that would.
	 */
	@Test
	void theBaseGrantsNoNodesProxy() {
		assertThat(this.manifests.kustomization().get("components").exists())
			.as("the base pulls in no component; the node proxy is opt-in")
			.isFalse();
		List<String> resources = new ArrayList<>();
		for (String kind : List.of("ClusterRole", "Role")) {
			for (YamlNode role : this.manifests.ofKind(kind)) {
				role.get("rules").items().forEach((rule) -> resources.addAll(rule.get("resources").texts()));
			}
		}
		assertThat(resources).contains("nodes/metrics", "nodes/log", "nodes/configz")
			.doesNotContain("nodes/proxy", "nodes/*", "*");
	}

	/** The opt-in component adds exactly get on nodes/proxy, bound to the service's ServiceAccount. */
	@Test
	void theNodeProxyComponentGrantsOnlyGetOnNodesProxyToTheServiceAccount() {
		YamlNode component = YamlNode.load(NODE_PROXY.resolve("kustomization.yaml"));
		assertThat(component.get("apiVersion").text()).isEqualTo("kustomize.config.k8s.io/v1alpha1");
		assertThat(component.get("kind").text()).isEqualTo("Component");
		List<YamlNode> objects = component.get("resources").texts().stream()
			.map((file) -> YamlNode.load(NODE_PROXY.resolve(file)))
			.toList();
		YamlNode role = objects.stream().filter((o) -> "ClusterRole".equals(o.get("kind").textOrNull())).findFirst()
			.orElseThrow();
		assertThat(role.get("rules").items()).singleElement().satisfies((rule) -> {
			assertThat(rule.get("apiGroups").texts()).containsExactly("");
			assertThat(rule.get("resources").texts()).containsExactly("nodes/proxy");
			assertThat(rule.get("verbs").texts()).containsExactly("get");
		});
		YamlNode binding = objects.stream().filter((o) -> "ClusterRoleBinding".equals(o.get("kind").textOrNull()))
			.findFirst()
			.orElseThrow();
		assertThat(binding.get("roleRef").get("name").text()).isEqualTo(role.get("metadata").get("name").text());
		assertThat(binding.get("subjects").items()).singleElement().satisfies((subject) -> {
			assertThat(subject.get("kind").text()).isEqualTo("ServiceAccount");
			assertThat(subject.get("name").text()).isEqualTo(AppManifests.NAME);
			assertThat(subject.get("namespace").text()).isEqualTo(AppManifests.NAMESPACE);
		});
	}

	private static void assertResourcesExist(Path directory) {
		YamlNode optional = YamlNode.load(directory.resolve("kustomization.yaml"));
		for (String resource : optional.get("resources").texts()) {
			assertThat(directory.resolve(resource)).isRegularFile();
		}
	}

	@Test
	void imageIsSetByTheKustomization() {
		String image = this.manifests.container().get("image").text();
		assertThat(this.manifests.kustomization().get("images").find("name", image).get("newTag").textOrNull())
			.isNotBlank();
	}

	private static void assertProbe(YamlNode probe, String path, YamlNode port) {
		assertThat(probe.get("httpGet").get("path").text()).isEqualTo(path);
		assertThat(probe.get("httpGet").get("port").text()).isIn(port.get("name").text(), port.get("containerPort").text());
	}

	private static int indexOf(List<String> lines, String text) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i;
			}
		}
		throw new AssertionError("No line contains " + text);
	}

	private static int documents(Path file) throws IOException {
		int count = 0;
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions()))
			.loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
			if (document != null) {
				count++;
			}
		}
		return count;
	}

	/** fabric8's model keeps fields it does not know as additional properties. */
	private static void collectUnknownFields(@Nullable Object value, String path, List<String> unknown) {
		if (value instanceof List) {
			List<?> list = (List<?>) value;
			for (int i = 0; i < list.size(); i++) {
				collectUnknownFields(list.get(i), path + "[" + i + "]", unknown);
			}
			return;
		}
		if (value instanceof Map) {
			((Map<?, ?>) value).forEach((key, child) -> collectUnknownFields(child, path + "." + key, unknown));
			return;
		}
		if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object child = invoke(getter, value);
			if (getter.getName().equals("getAdditionalProperties")) {
				if (child instanceof Map && !((Map<?, ?>) child).isEmpty()) {
					unknown.add(path + ": " + ((Map<?, ?>) child).keySet());
				}
			}
			else {
				String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
				collectUnknownFields(child, path + "." + property, unknown);
			}
		}
	}

	private static @Nullable Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			// a computed getter that does not apply to this value, not a field
			return null;
		}
	}

}
