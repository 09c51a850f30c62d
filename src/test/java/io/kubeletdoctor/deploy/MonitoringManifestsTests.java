package io.kubeletdoctor.deploy;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional monitoring parts of {@code app/}: the PrometheusRule mirrors the kubelet alerts of
 * kubernetes-mixin, every alert it defines is one a playbook handles, and the Alertmanager receiver
 * example sends the playbooks' alerts to the Service with a Bearer token.
 */
class MonitoringManifestsTests {

	private static final Path RULE_DIRECTORY = AppManifests.APP.resolve("prometheus-rule");

	private static final String WEBHOOK_PATH = "/api/v1/alerts";

	/** kubernetes-mixin's kubelet certificate and availability alerts, defaults substituted. */
	private static final List<MixinAlert> MIXIN = List.of(
			new MixinAlert("KubeletClientCertificateExpiration", "warning", null,
					"kubelet_certificate_manager_client_ttl_seconds < 604800"),
			new MixinAlert("KubeletClientCertificateExpiration", "critical", null,
					"kubelet_certificate_manager_client_ttl_seconds < 86400"),
			new MixinAlert("KubeletServerCertificateExpiration", "warning", null,
					"kubelet_certificate_manager_server_ttl_seconds < 604800"),
			new MixinAlert("KubeletServerCertificateExpiration", "critical", null,
					"kubelet_certificate_manager_server_ttl_seconds < 86400"),
			new MixinAlert("KubeletClientCertificateRenewalErrors", "warning", "15m",
					"increase(kubelet_certificate_manager_client_expiration_renew_errors[5m]) > 0"),
			new MixinAlert("KubeletServerCertificateRenewalErrors", "warning", "15m",
					"increase(kubelet_server_expiration_renew_errors[5m]) > 0"),
			new MixinAlert("KubeletDown", "critical", "15m",
					"count by (cluster) (kube_node_info{job=\"kube-state-metrics\"}) unless on (cluster) "
							+ "count by (cluster) (up{job=\"kubelet\"} == 1)"),
			new MixinAlert("KubeletInstanceUnreachable", "warning", "15m", "up{job=\"kubelet\"} == 0"));

	@Test
	void prometheusRuleIsAnOptionalKustomization() {
		YamlNode kustomization = YamlNode.load(RULE_DIRECTORY.resolve("kustomization.yaml"));
		assertThat(kustomization.get("resources").texts()).containsExactly("prometheusrule.yaml", "fleetrule.yaml");
		YamlNode rule = prometheusRule();
		assertThat(rule.get("apiVersion").text()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(rule.get("kind").text()).isEqualTo("PrometheusRule");
		assertThat(AppManifests.load().kustomization().get("resources").texts())
			.as("the base must install without the Prometheus Operator's CRDs")
			.noneMatch((resource) -> resource.contains("prometheus"));
	}

	@Test
	void rulesMirrorKubernetesMixin() {
		List<MixinAlert> defined = new ArrayList<>();
		for (YamlNode group : prometheusRule().get("spec").get("groups").items()) {
			for (YamlNode rule : group.get("rules").items()) {
				defined.add(new MixinAlert(rule.get("alert").text(), rule.get("labels").get("severity").text(),
						rule.get("for").textOrNull(), rule.get("expr").text().strip()));
				assertThat(rule.get("annotations").get("runbook_url").textOrNull()).as(rule.path())
					.startsWith("https://");
			}
		}
		assertThat(defined).containsExactlyInAnyOrderElementsOf(MIXIN);
	}

	@Test
	void everyAlertOfTheRuleIsHandledByAPlaybook() {
		assertThat(Playbooks.alertNames()).containsAll(MIXIN.stream().map(MixinAlert::alert).toList());
	}

	@Test
	void receiverExampleRoutesThePlaybookAlertsToTheService() {
		YamlNode example = YamlNode.load(AppManifests.APP.resolve("alertmanager-receiver.yaml"));
		// merged at the top of an existing tree whose routes page the on-call engineer
		List<Object> routes = new ArrayList<>((List<?>) example.get("route").get("routes").value());
		routes.add(Map.of("receiver", "on-call"));
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("receiver", "default");
		root.put("routes", routes);
		YamlNode route = new YamlNode(root, "merged route");
		String receiver = example.get("receivers").items().get(0).get("name").text();
		for (String alert : Playbooks.alertNames()) {
			assertThat(AlertmanagerRouting.receivers(route, Map.of("alertname", alert, "node", "n1")))
				.as(alert)
				.containsExactlyInAnyOrder(receiver, "on-call");
		}
		assertThat(AlertmanagerRouting.receivers(route, Map.of("alertname", "KubePodCrashLooping")))
			.containsExactly("on-call");
	}

	@Test
	void receiverExamplePostsToTheServiceWithABearerToken() {
		YamlNode webhook = YamlNode.load(AppManifests.APP.resolve("alertmanager-receiver.yaml"))
			.get("receivers")
			.items()
			.get(0)
			.get("webhook_configs")
			.items()
			.get(0);
		URI url = URI.create(webhook.get("url").text());
		YamlNode service = AppManifests.load().object("Service", AppManifests.NAMESPACE, AppManifests.NAME);
		assertThat(url.getHost()).isEqualTo(AppManifests.NAME + "." + AppManifests.NAMESPACE + ".svc");
		assertThat(url.getPort()).isEqualTo(service.get("spec").get("ports").items().get(0).get("port").value());
		assertThat(url.getPath()).isEqualTo(WEBHOOK_PATH);
		YamlNode authorization = webhook.get("http_config").get("authorization");
		assertThat(authorization.get("type").text()).isEqualTo("Bearer");
		assertThat(authorization.get("credentials_file").text()).startsWith("/");
		assertThat(authorization.get("credentials").exists()).as("the token stays out of the configuration").isFalse();
		assertThat(webhook.get("send_resolved").value()).isEqualTo(true);
	}

	private static YamlNode prometheusRule() {
		return YamlNode.load(RULE_DIRECTORY.resolve("prometheusrule.yaml"));
	}

	record MixinAlert(String alert, String severity, @Nullable String forDuration, String expression) {
	}

}
