package io.kubeletdoctor.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicy of {@code app/} as kustomize renders it (its replacements applied here, as
 * kubectl is not installed): the webhook and metrics ports admitted from the monitoring namespace,
 * the pages' port from the ingress namespace, both taken from the one file an overlay patches.
 */
class NetworkPolicyTests {

	private static final String PARAMETERS = "kubelet-doctor-network-namespaces";

	private final AppManifests manifests = AppManifests.load();

	@Test
	void theNamespaceParametersStayOutOfTheInstall() {
		YamlNode parameters = this.manifests.object("ConfigMap", AppManifests.NAMESPACE, PARAMETERS);
		assertThat(parameters.get("metadata").get("annotations").get("config.kubernetes.io/local-config").text())
			.isEqualTo("true");
		assertThat(parameters.get("data").get("monitoring-namespace").text()).isEqualTo("monitoring");
		assertThat(parameters.get("data").get("ingress-namespace").text()).isEqualTo("ingress-nginx");
	}

	@Test
	void monitoringReachesWebhookAndMetricsAndTheIngressReachesThePagesOnly() {
		YamlNode policy = rendered();
		YamlNode spec = policy.get("spec");
		assertThat(spec.get("policyTypes").texts()).containsExactly("Ingress");
		Map<String, YamlNode> podLabels = this.manifests.deployment()
			.get("spec").get("template").get("metadata").get("labels").entries();
		assertThat(spec.get("podSelector").get("matchLabels").entries()).isNotEmpty()
			.allSatisfy((key, value) -> assertThat(podLabels.get(key).text()).isEqualTo(value.text()));

		List<YamlNode> rules = spec.get("ingress").items();
		assertThat(rules).hasSize(2);
		assertThat(namespaces(rules.get(0))).containsExactly("monitoring");
		assertThat(ports(rules.get(0))).containsExactlyInAnyOrder(8080, 8081);
		assertThat(namespaces(rules.get(1))).containsExactly("ingress-nginx");
		assertThat(ports(rules.get(1))).containsExactly(8080);
	}

	@Test
	void everyReplacementReadsAnExistingSourceAndWritesAnExistingField() {
		for (YamlNode replacement : this.manifests.kustomization().get("replacements").items()) {
			YamlNode source = replacement.get("source");
			YamlNode from = this.manifests.object(source.get("kind").text(), null, source.get("name").text());
			assertThat(FieldPath.read(from, source.get("fieldPath").text()).textOrNull()).as(replacement.path())
				.isNotBlank();
			for (YamlNode target : replacement.get("targets").items()) {
				YamlNode select = target.get("select");
				YamlNode into = this.manifests.object(select.get("kind").text(), null, select.get("name").text());
				for (String path : target.get("fieldPaths").texts()) {
					assertThat(FieldPath.read(into, path).textOrNull()).as(path).isNotBlank();
				}
			}
		}
	}

	/** The NetworkPolicy with the kustomization's replacements applied. */
	private YamlNode rendered() {
		AppManifests fresh = AppManifests.load();
		for (YamlNode replacement : fresh.kustomization().get("replacements").items()) {
			YamlNode source = replacement.get("source");
			String value = FieldPath
				.read(fresh.object(source.get("kind").text(), null, source.get("name").text()),
						source.get("fieldPath").text())
				.text();
			for (YamlNode target : replacement.get("targets").items()) {
				YamlNode select = target.get("select");
				YamlNode into = fresh.object(select.get("kind").text(), null, select.get("name").text());
				target.get("fieldPaths").texts().forEach((path) -> FieldPath.write(into, path, value));
			}
		}
		return fresh.object("NetworkPolicy", AppManifests.NAMESPACE, AppManifests.NAME);
	}

	private static List<String> namespaces(YamlNode rule) {
		YamlNode expression = rule.get("from").items().get(0).get("namespaceSelector").get("matchExpressions").items()
			.get(0);
		assertThat(expression.get("key").text()).isEqualTo("kubernetes.io/metadata.name");
		assertThat(expression.get("operator").text()).isEqualTo("In");
		return expression.get("values").texts();
	}

	/** Container port numbers of the rule's ports, named ports resolved through the Deployment. */
	private Set<Integer> ports(YamlNode rule) {
		YamlNode containerPorts = this.manifests.container().get("ports");
		return rule.get("ports").items().stream().map((port) -> {
			assertThat(port.get("protocol").text()).isEqualTo("TCP");
			String name = port.get("port").text();
			return Integer.valueOf(containerPorts.find("name", name).get("containerPort").text());
		}).collect(Collectors.toSet());
	}

	/** kustomize's dotted field paths with list indexes, e.g. {@code spec.ingress.0.from}. */
	private static final class FieldPath {

		static YamlNode read(YamlNode node, String path) {
			YamlNode current = node;
			for (String segment : path.split("\\.")) {
				current = segment.chars().allMatch(Character::isDigit) ? item(current, Integer.parseInt(segment))
						: current.get(segment);
			}
			return current;
		}

		@SuppressWarnings("unchecked")
		static void write(YamlNode node, String path, String value) {
			int dot = path.lastIndexOf('.');
			YamlNode parent = read(node, path.substring(0, dot));
			String last = path.substring(dot + 1);
			if (parent.value() instanceof List<?> list) {
				((List<Object>) list).set(Integer.parseInt(last), value);
			}
			else {
				((Map<String, Object>) parent.value()).put(last, value);
			}
		}

		private static YamlNode item(YamlNode list, int index) {
			List<YamlNode> items = list.items();
			return (index < items.size()) ? items.get(index) : new YamlNode(null, list.path() + "[" + index + "]");
		}

	}

}
