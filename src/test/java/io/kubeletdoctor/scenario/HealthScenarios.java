package io.kubeletdoctor.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.demo.KubeletMetricsText;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedControlPlane;
import io.kubeletdoctor.demo.SimulatedCsrs;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.IssuedCertificate;

/**
 * Alerts whose answer is not a certificate fault: a node that no longer exists, a stale alert on a
 * node that renewed, a kubelet that simply stopped, and a node that is NotReady for a reason outside
 * certificates.
 */
final class HealthScenarios {

	private HealthScenarios() {
	}

	static List<Scenario> all() {
		return List.of(nodeNotFound(), staleAlertOnHealthyNode(), kubeletStopped(), cniNotReady());
	}

	static Scenario nodeNotFound() {
		return Scenario.named("node-not-found")
			.shows("A certificate alert left over from a node that was scaled away; the one remaining node is healthy")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				cluster.node("worker-1").apply();
			})
			.alert("KubeletClientCertificateExpiration", "node", "worker-retired-4", "severity", "warning")
			.rootCause(RootCauseCode.NODE_NOT_FOUND)
			.confidence(Confidence.HIGH)
			.evidence("No Node object matches \"worker-retired-4\"")
			.step("kubelet-certificates", "SKIPPED")
			.alone()
			.build();
	}

	static Scenario staleAlertOnHealthyNode() {
		String node = "worker-2";
		return Scenario.named("stale-alert-healthy-node")
			.shows("KubeletClientCertificateExpiration still firing although the kubelet (1.36) rotated its client"
					+ " certificate 25 minutes ago: the issued CSR, the TTL gauge and the served certificate all agree")
			.seed((cluster) -> staleAlertOnHealthyNode(cluster, node))
			.alert("KubeletClientCertificateExpiration", "node", node, "severity", "warning", "job", "kubelet")
			.rootCause(RootCauseCode.NO_FAULT_FOUND)
			.confidence(Confidence.HIGH)
			.evidence("Client certificate expires in", "No Pending, stuck, denied or failed CSR", "Lease last renewed")
			.alone()
			.build();
	}

	private static void staleAlertOnHealthyNode(SimulatedCluster cluster, String node) {
		SimulatedControlPlane.kubeadm(cluster);
		Instant now = cluster.clock().instant();
		Instant renewed = now.minus(Duration.ofMinutes(25));
		Duration lifetime = Duration.ofDays(365);
		cluster.addCsr(SimulatedCsrs.issued(SimulatedCsrs.kubeletClient(NodeCertificates.csrName(node, 1), node, renewed),
				cluster.clusterCa(), renewed.plus(lifetime)));
		IssuedCertificate serving = NodeCertificates.serving(node, cluster.clusterCa(), now.minus(Duration.ofDays(120)),
				now.plus(Duration.ofDays(245)));
		String version = "v1.36.0";
		cluster.node(node)
			.kubeletVersion(version)
			.ready()
			.servingCertificate(serving)
			.configz(true, true)
			.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(lifetime.minus(Duration.ofMinutes(25))),
					KubeletMetricsText.ttl(Duration.ofDays(245)), 0, 0))
			.logs(KubeletLog.of(node, version)
				.rotating(renewed.minusSeconds(2), KubeletLog.CLIENT_SIGNER)
				.waitingForRotation(renewed.plusSeconds(3), KubeletLog.CLIENT_SIGNER, Duration.ofHours(6712))
				.lines())
			.apply();
	}

	static Scenario kubeletStopped() {
		String node = "worker-3";
		return Scenario.named("kubelet-stopped")
			.shows("A 1.32 kubelet stopped 25 minutes ago with valid certificates: the port refuses, the Lease is"
					+ " stale, and its logs cannot be read because nothing serves them")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				cluster.node(node)
					.kubeletVersion("v1.32.4")
					.statusUnknown(Duration.ofMinutes(25))
					.kubeletDown()
					.event("NodeNotReady", "Normal", "Node " + node + " status is now: NodeNotReady",
							Duration.ofMinutes(24), 1)
					.apply();
			})
			// kube-state-metrics' own instance label must not be taken for the node
			.alert("KubeNodeNotReady", "node", node, "condition", "Ready", "status", "true", "job",
					"kube-state-metrics", "instance", "10.244.1.17:8080")
			.rootCause(RootCauseCode.KUBELET_NOT_RUNNING)
			.confidence(Confidence.MEDIUM)
			.evidence("REFUSED", "No sign of client certificate trouble", "kubelet-logs could not be checked")
			.neverNamed(RootCauseCode.CLIENT_CERT_EXPIRED, RootCauseCode.SERVING_CERT_EXPIRED)
			.step("kubelet-logs", "UNAVAILABLE")
			.build();
	}

	static Scenario cniNotReady() {
		String node = "worker-4";
		String version = "v1.30.6";
		return Scenario.named("not-ready-outside-certificates")
			.shows("A 1.30 node NotReady because its CNI plugin is not initialised: every certificate check passes,"
					+ " so the service must not claim a certificate cause nor call the node healthy")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				cluster.node(node)
					.kubeletVersion(version)
					.notReady("KubeletNotReady", "container runtime network not ready: NetworkReady=false "
							+ "reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized")
					.logs(KubeletLog.of(node, version)
						.waitingForRotation(now.minus(Duration.ofMinutes(80)), KubeletLog.CLIENT_SIGNER,
								Duration.ofHours(5120))
						.waitingForRotation(now.minus(Duration.ofMinutes(80)), KubeletLog.SERVING_SIGNER,
								Duration.ofHours(4980))
						.lines())
					.apply();
			})
			.alert("KubeNodeNotReady", "node", node, "condition", "Ready", "status", "true")
			.rootCause(RootCauseCode.UNDETERMINED)
			.confidence(Confidence.LOW)
			.evidence("The node is not healthy", "KubeletNotReady")
			.step("node-status", "CRITICAL")
			.step("kubelet-certificates", "OK")
			.alone()
			.build();
	}

}
