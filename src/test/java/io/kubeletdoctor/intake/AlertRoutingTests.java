package io.kubeletdoctor.intake;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every kubelet alert of kubernetes-mixin, before and after version 1.5, with the labels its rule
 * gives the fired alert (plus the external labels Prometheus adds), posted to the webhook: each must
 * open a report of the right scope. {@code KubeletDown} never names a node (an {@code absent()} rule
 * keeps only its selector's equality labels; from 1.5 it is counted by cluster), so it sweeps the
 * cluster; {@code KubeletInstanceUnreachable} is per scrape target and names its node.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class AlertRoutingTests {

	private static final Map<String, String> EXTERNAL = Map.of("prometheus", "monitoring/k8s", "prometheus_replica",
			"prometheus-k8s-0");

	@LocalServerPort
	int port;

	static Stream<Arguments> mixinAlerts() {
		return Stream.of(
				arguments("KubeletDown, absent(up{job=\"kubelet\"} == 1), mixin before Oct 2025",
						labels("alertname", "KubeletDown", "severity", "critical", "job", "kubelet"), null),
				arguments("KubeletDown, absent(up{job=\"kubelet\"}), mixin Oct 2025 to 1.5",
						labels("alertname", "KubeletDown", "severity", "critical", "job", "kubelet", "metrics_path",
								"/metrics"), null),
				arguments("KubeletDown with external labels only",
						with(EXTERNAL, "alertname", "KubeletDown", "severity", "critical"), null),
				arguments("KubeletDown counted by cluster, mixin 1.5 and later",
						labels("alertname", "KubeletDown", "severity", "critical", "cluster",
								SimulatedClusterTestConfiguration.CLUSTER), null),
				arguments("KubeletInstanceUnreachable, Prometheus Operator target with a node label",
						with(EXTERNAL, "alertname", "KubeletInstanceUnreachable", "severity", "warning", "job", "kubelet",
								"instance", "10.0.0.7:10250", "node", "worker-7", "namespace", "kube-system", "service",
								"kubelet", "endpoint", "https-metrics", "metrics_path", "/metrics"), "worker-7"),
				arguments("KubeletInstanceUnreachable, plain scrape config with an instance only",
						labels("alertname", "KubeletInstanceUnreachable", "severity", "warning", "job", "kubelet",
								"instance", "10.0.0.8:10250"), "10.0.0.8"),
				arguments("KubeletClientCertificateExpiration, per target",
						labels("alertname", "KubeletClientCertificateExpiration", "severity", "warning", "job",
								"kubelet", "instance", "10.0.0.9:10250", "node", "worker-9"), "worker-9"),
				arguments("KubeNodeNotReady: the node label, not kube-state-metrics' instance",
						labels("alertname", "KubeNodeNotReady", "severity", "warning", "condition", "Ready", "status",
								"true", "job", "kube-state-metrics", "instance", "10.244.1.5:8080", "node", "worker-10"),
						"worker-10"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mixinAlerts")
	void eachMixinAlertGetsTheScopeItsLabelsAllow(String alert, Map<String, String> labels,
			@Nullable String node) {
		Webhook webhook = new Webhook(this.port);
		String body = webhook.notification(
				List.of(Webhook.alert("firing", Webhook.newFingerprint(), Instant.now().toString(), labels)));
		JsonNode accepted = webhook.json(webhook.post(body));
		assertThat(accepted.path("reports")).as(alert).hasSize(1);
		JsonNode report = webhook.report(accepted.path("reports").get(0).path("id").asString());
		if (node == null) {
			assertThat(report.path("scope").asString()).as(alert).isEqualTo("CLUSTER");
			assertThat(report.path("node").isNull()).as(alert).isTrue();
		}
		else {
			assertThat(report.path("scope").asString()).as(alert).isEqualTo("NODE");
			assertThat(report.path("node").asString()).as(alert).isEqualTo(node);
		}
		assertThat(report.path("cluster").asString()).as(alert).isEqualTo(SimulatedClusterTestConfiguration.CLUSTER);
	}

	private static Map<String, String> labels(String... pairs) {
		return with(Map.of(), pairs);
	}

	private static Map<String, String> with(Map<String, String> external, String... pairs) {
		Map<String, String> labels = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			labels.put(pairs[i], pairs[i + 1]);
		}
		labels.putAll(external);
		return labels;
	}

}
