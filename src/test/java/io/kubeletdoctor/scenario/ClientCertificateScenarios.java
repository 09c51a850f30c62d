package io.kubeletdoctor.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedControlPlane;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;

/**
 * Kubelets whose client certificate expired: alone, where the forbidden CSR of system:anonymous must
 * not be mistaken for an RBAC problem, and three of five nodes behind a KubeletDown that names no node.
 */
final class ClientCertificateScenarios {

	private ClientCertificateScenarios() {
	}

	static List<Scenario> all() {
		return List.of(clientCertificateExpired(), kubeletDownThreeOfFive());
	}

	static Scenario clientCertificateExpired() {
		String node = "worker-9";
		return Scenario.named("client-cert-expired")
			.shows("A 1.33 kubelet's client certificate expired 90 minutes ago; it presents none, so its CSRs are"
					+ " refused for system:anonymous, and it exits every 5 minutes. The forbidden CSR is a symptom")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				expiredClient(cluster, node, "v1.33.5", Duration.ofMinutes(90));
			})
			.alert("KubeNodeUnreachable", "node", node, "key", "node.kubernetes.io/unreachable", "effect", "NoSchedule")
			.rootCause(RootCauseCode.CLIENT_CERT_EXPIRED)
			.confidence(Confidence.HIGH)
			.evidence("kubelet_certificate_manager_client_ttl_seconds is +Inf", "No valid client certificate is found",
					"User \\\"system:anonymous\\\" cannot create resource")
			.alsoNamed(RootCauseCode.CSR_CREATE_FORBIDDEN)
			.neverNamed(RootCauseCode.KUBELET_NOT_RUNNING, RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED)
			.build();
	}

	static Scenario kubeletDownThreeOfFive() {
		return Scenario.named("kubelet-down-three-of-five")
			.shows("KubeletDown (no node label) on a cluster where three nodes (kubelets 1.21, 1.28 and 1.32) came back"
					+ " from weeks powered off with expired client certificates, Ready Unknown and stale Leases; two"
					+ " 1.33/1.34 nodes are healthy. The 1.21 kubelet has no log query, so the verdict on it rests on"
					+ " the TTL gauge and the silent Lease")
			.seed(ClientCertificateScenarios::kubeletDownThreeOfFive)
			.alert("KubeletDown", "severity", "critical")
			.clusterScope()
			.rootCause(RootCauseCode.CLIENT_CERT_EXPIRED)
			.evidence("All 3 affected nodes", "kubelet_certificate_manager_client_ttl_seconds is +Inf")
			.affectedNodes(Map.of("node-a", RootCauseCode.CLIENT_CERT_EXPIRED, "node-b",
					RootCauseCode.CLIENT_CERT_EXPIRED, "node-c", RootCauseCode.CLIENT_CERT_EXPIRED))
			.neverNamed(RootCauseCode.NO_FAULT_FOUND, RootCauseCode.KUBELET_NOT_RUNNING)
			.step("cluster-sweep", "CRITICAL")
			.build();
	}

	private static void kubeletDownThreeOfFive(SimulatedCluster cluster) {
		SimulatedControlPlane.kubeadm(cluster);
		Duration poweredOff = Duration.ofDays(20);
		LogQueryOff.configure(NodeCertificates.silentWithExpiredClient(cluster, "node-a", "v1.21.14", poweredOff), true, true).apply();
		expiredClient(cluster, "node-b", "v1.28.9", poweredOff);
		expiredClient(cluster, "node-c", "v1.32.3", poweredOff);
		cluster.node("node-d").kubeletVersion("v1.33.2").ready().apply();
		cluster.node("node-e").kubeletVersion("v1.34.1").ready().apply();
	}

	/**
	 * A kubelet whose client certificate expired, silent towards the API server for {@code silentFor},
	 * restarted by systemd every five minutes: each run finds the certificate expired, has its CSR refused
	 * for system:anonymous, and exits.
	 */
	private static void expiredClient(SimulatedCluster cluster, String node, String version, Duration silentFor) {
		Instant now = cluster.clock().instant();
		KubeletLog log = KubeletLog.of(node, version);
		for (int minutes : new int[] { 16, 11, 6 }) {
			Instant started = now.minus(Duration.ofMinutes(minutes));
			log.currentCertificateExpired(started.plusSeconds(1), KubeletLog.CLIENT_SIGNER)
				.requestFailed(started.plusSeconds(3), KubeletLog.CLIENT_SIGNER,
						KubeletLog.csrForbidden("system:anonymous"))
				.noValidClientCertificate(started.plus(Duration.ofMinutes(5)), true, started);
		}
		NodeCertificates.silentWithExpiredClient(cluster, node, version, silentFor).configz(true, true).logs(log.lines()).apply();
	}

}
