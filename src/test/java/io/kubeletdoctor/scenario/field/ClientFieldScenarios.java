package io.kubeletdoctor.scenario.field;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.demo.KubeletMetricsText;
import io.kubeletdoctor.demo.SimulatedControlPlane;
import io.kubeletdoctor.demo.SimulatedCsrs;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.scenario.KubeletLog;
import io.kubeletdoctor.scenario.LogQueryOff;
import io.kubeletdoctor.scenario.NodeCertificates;

/**
 * Client certificates in the field: expired with no log to read, held in a kubeconfig with rotation
 * off, "expired" only by a node clock a year ahead, and a re-bootstrap that a missing nodeclient
 * binding or an expired bootstrap token stops.
 */
final class ClientFieldScenarios {

	private ClientFieldScenarios() {
	}

	static List<FieldScenario> all() {
		return List.of(expiredWithoutLogQuery(), rotationOffEmbeddedCertificate(), rotationOffCertificateRejected(),
				nodeClockAYearAhead(), bootstrapCsrNotAuthorized(), bootstrapTokenExpired());
	}

	static FieldScenario expiredWithoutLogQuery() {
		String node = "worker-26";
		return FieldScenario.named("client-expired-no-log-query")
			.source("kubernetes/kubernetes#65991", "kubernetes/kubernetes#107489")
			.story("A 1.26 kubelet's client certificate expired 3 hours ago; it has no log query, so the verdict rests"
					+ " on the +Inf client TTL with rotation on and the stale Lease. A node clock running ahead would"
					+ " look the same from here, and only the journal could tell")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				LogQueryOff.configure(NodeCertificates.silentWithExpiredClient(cluster, node, "v1.26.15", Duration.ofHours(3)),
						true, true)
					.apply();
			})
			.alert("KubeNodeUnreachable", "node", node, "key", "node.kubernetes.io/unreachable", "effect", "NoSchedule")
			.expect(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.MEDIUM)
			.build();
	}

	static FieldScenario rotationOffEmbeddedCertificate() {
		String node = "legacy-node-1";
		return FieldScenario.named("rotation-off-client-no-ttl")
			.source("kubernetes/kubeadm#1317", "kubernetes/kubernetes#71825")
			.story("A node kept from an old install runs its 1.25 kubelet with rotateCertificates off and the client"
					+ " certificate embedded in kubelet.conf; a certificate exporter on the node warns it expires in"
					+ " 9 days. /configz shows rotation off and /metrics has no client TTL series, so nothing will"
					+ " renew it; when it runs out cannot be read from the cluster")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				LogQueryOff.configure(NodeCertificates.selfGenerated(cluster.node(node), now.minus(Duration.ofDays(150)))
					.kubeletVersion("v1.25.16")
					.ready(), false, false)
					.metrics(KubeletMetricsText.certificateMetrics(null, null, 0, 0))
					.apply();
			})
			.alert("KubeletClientCertificateExpiringSoon", "node", node, "filepath", "/etc/kubernetes/kubelet.conf",
					"severity", "warning")
			.expect(RootCauseCode.ROTATION_DISABLED, Confidence.MEDIUM)
			.build();
	}

	static FieldScenario rotationOffCertificateRejected() {
		String node = "legacy-node-2";
		return FieldScenario.named("rotation-off-client-rejected")
			.source("scality/metalk8s#2937", "kubernetes/kubernetes#65991")
			.story("A 1.23 kubelet from an old install runs with rotateCertificates off, its client certificate"
					+ " managed outside Kubernetes in kubelet.conf, and with webhook authorization off (AlwaysAllow),"
					+ " so its log and metrics stay readable. No TTL series, no CSR: when the certificate ran out"
					+ " cannot be read. But every node status and Lease update has been answered Unauthorized for"
					+ " 40 minutes and the kubelet counts its 401s: the API server rejects its client certificate")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				String version = "v1.23.17";
				FieldJournal journal = FieldJournal.of(node, version);
				for (int minutes : new int[] { 30, 20, 10, 1 }) {
					Instant at = now.minus(Duration.ofMinutes(minutes));
					journal.log((log) -> log.nodeStatusFailed(at, "Unauthorized")
						.leaseUpdateFailed(at.plusSeconds(2), "Unauthorized"));
				}
				NodeCertificates.selfGenerated(cluster.node(node), now.minus(Duration.ofDays(200)))
					.kubeletVersion(version)
					.statusUnknown(Duration.ofMinutes(40))
					.configz(false, false)
					.metrics(KubeletMetricsText.certificateMetrics(null, null, 0, 0)
							+ KubeletMetricsText.restClientRequests("10.0.0.10:6443", 51234, 312))
					.logs(journal.lines())
					.apply();
			})
			.alert("KubeNodeUnreachable", "node", node, "key", "node.kubernetes.io/unreachable", "effect", "NoSchedule")
			.expect(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.MEDIUM)
			.build();
	}

	static FieldScenario nodeClockAYearAhead() {
		String node = "clock-node-9";
		return FieldScenario.named("node-clock-a-year-ahead")
			.source("kubernetes/kubernetes#96256", "kubernetes/kubeadm#2054")
			.story("Someone set a 1.28 node's clock 400 days ahead to test rotation: by that clock its client"
					+ " certificate and the API server's have expired, so it logs \"The currently active client"
					+ " certificate has expired, but the server is not responsive\" and x509 errors whose current time"
					+ " is a year in the future, while by the control plane's clock every certificate is valid")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				Instant apiServerIssued = now.minus(Duration.ofDays(100));
				Instant apiServerExpires = apiServerIssued.plus(Duration.ofDays(365));
				String version = "v1.28.9";
				FieldJournal journal = FieldJournal.of(node, version);
				for (int minutes : new int[] { 24, 14, 4 }) {
					Instant nodeTime = now.plus(Duration.ofDays(400)).minus(Duration.ofMinutes(minutes));
					journal.clientExpiredServerUnresponsive(nodeTime)
						.log((log) -> log.nodeStatusFailed(nodeTime.plusSeconds(3),
								"Get \"https://10.0.0.10:6443/api/v1/nodes/" + node + "?timeout=10s\": tls: failed to"
										+ " verify certificate: "
										+ KubeletLog.x509Validity(nodeTime, apiServerIssued, apiServerExpires)));
				}
				cluster.node(node)
					.kubeletVersion(version)
					.statusUnknown(Duration.ofMinutes(25))
					.configz(true, true)
					.metrics(KubeletMetricsText.certificateMetrics(Double.POSITIVE_INFINITY,
							KubeletMetricsText.ttl(Duration.ofDays(230)), 4, 0))
					.logs(journal.lines())
					.apply();
			})
			.alert("KubeNodeNotReady", "node", node, "condition", "Ready", "status", "true")
			.expect(RootCauseCode.CLOCK_SKEW, Confidence.HIGH)
			.summaryContains("days ahead")
			.build();
	}

	static FieldScenario bootstrapCsrNotAuthorized() {
		String node = "edge-node-10";
		return FieldScenario.named("bootstrap-csr-not-authorized")
			.source("sapcc/kubernikus#35", "kubernetes/kubernetes#62585")
			.story("An edge node came back with an expired client certificate and was given a bootstrap token; its"
					+ " bootstrap CSRs (requester system:bootstrap:07401b) stay Pending every 15 minutes because the"
					+ " binding that lets bootstrappers be auto-approved (nodeclient) was removed in a hardening pass;"
					+ " a SubjectAccessReview asked as the approver asks says no")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadmWithout(cluster, List.of(SimulatedControlPlane.AUTOAPPROVE_BOOTSTRAP_BINDING));
				cluster.accessReviews(SimulatedControlPlane.denyingCsr("nodeclient"));
				int[] ages = { 47, 32, 17, 2 };
				for (int minutes : ages) {
					cluster.addCsr(FieldCsrs.bootstrapped(
							FieldCsrs.request(cluster, node, SimulatedCsrs.CLIENT_SIGNER, minutes), "07401b"));
				}
				String version = "v1.29.10";
				FieldJournal journal = FieldJournal.of(node, version);
				HealedNodeScenarios.timedOutRenewals(cluster, journal, KubeletLog.CLIENT_SIGNER, new int[] { 47, 32, 17 });
				journal.log((log) -> log.rotating(FieldCsrs.ago(cluster, 2).minusSeconds(1), KubeletLog.CLIENT_SIGNER));
				NodeCertificates.silentWithExpiredClient(cluster, node, version, Duration.ofDays(9))
					.configz(true, true)
					.logs(journal.lines())
					.apply();
			})
			.alert("KubeNodeNotReady", "node", node, "condition", "Ready", "status", "true")
			.expect(RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED, Confidence.HIGH)
			.build();
	}

	static FieldScenario bootstrapTokenExpired() {
		String node = "edge-node-11";
		return FieldScenario.named("bootstrap-token-expired")
			.source("kubermatic/operating-system-manager#202", "kubernetes/kubeadm#809")
			.story("A 1.33 node's client certificate expired while it was off; its bootstrap kubeconfig holds a token"
					+ " that expired too, so every restart's CSR is refused with Unauthorized and the kubelet exits."
					+ " The client certificate is the fault; the token only keeps it from healing")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				FieldNodes.expiredClient(cluster, node, "v1.33.4", Duration.ofDays(2),
						"cannot create certificate signing request: Unauthorized")
					.apply();
			})
			.alert("KubeNodeUnreachable", "node", node, "key", "node.kubernetes.io/unreachable", "effect", "NoSchedule")
			.expect(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH)
			.build();
	}

}
