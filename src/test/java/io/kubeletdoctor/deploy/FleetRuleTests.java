package io.kubeletdoctor.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet alerts: the kubelet one reaches kubelet-doctor through the receiver example with the
 * node it names, so the service diagnoses that node; the CA one, which names no node, does not.
 */
class FleetRuleTests {

	@Test
	void cannotRotateAlertIsRoutedToTheServiceWithItsNode() {
		Map<String, YamlNode> alerts = alerts();
		assertThat(alerts).containsOnlyKeys("KubeletCertificateCannotRotate", "KubernetesClusterCaExpiration");
		YamlNode cannotRotate = alerts.get("KubeletCertificateCannotRotate");
		assertThat(cannotRotate.get("expr").text()).contains("by (cluster, node, certificate)", "14 * 86400");
		YamlNode example = YamlNode.load(AppManifests.APP.resolve("alertmanager-receiver.yaml"));
		String receiver = example.get("receivers").items().get(0).get("name").text();
		YamlNode route = new YamlNode(Map.of("receiver", "default", "routes", example.get("route").get("routes").value()),
				"route");
		assertThat(AlertmanagerRouting.receivers(route, Map.of("alertname", "KubeletCertificateCannotRotate", "node",
				"worker-1", "cluster", "prod", "certificate", "serving")))
			.contains(receiver);
		assertThat(AlertmanagerRouting.receivers(route,
				Map.of("alertname", "KubernetesClusterCaExpiration", "cluster", "prod")))
			.doesNotContain(receiver);
	}

	private static Map<String, YamlNode> alerts() {
		YamlNode rule = YamlNode.load(AppManifests.APP.resolve("prometheus-rule").resolve("fleetrule.yaml"));
		assertThat(rule.get("kind").text()).isEqualTo("PrometheusRule");
		Map<String, YamlNode> alerts = new LinkedHashMap<>();
		List<YamlNode> rules = new ArrayList<>();
		rule.get("spec").get("groups").items().forEach((group) -> rules.addAll(group.get("rules").items()));
		rules.forEach((r) -> alerts.put(r.get("alert").text(), r));
		return alerts;
	}

}
