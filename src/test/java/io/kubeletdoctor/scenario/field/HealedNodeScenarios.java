package io.kubeletdoctor.scenario.field;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedControlPlane;
import io.kubeletdoctor.demo.SimulatedCsrs;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.IssuedCertificate;
import io.kubeletdoctor.scenario.KubeletLog;

/**
 * Nodes that healed: the trouble left its CSRs behind (Pending, approved and never issued, denied),
 * but a later CSR of the same signer was issued, the kubelet uses its certificate and the Lease
 * renews. History is not a present fault: every verdict is NO_FAULT_FOUND, and HIGH, because what
 * the kubelet uses now was observed and found valid, and the summary says when the trouble ended.
 */
final class HealedNodeScenarios {

	private HealedNodeScenarios() {
	}

	static List<FieldScenario> all() {
		return List.of(clientRenewedAfterBindingRestored(), servingApprovedByHand(), servingIssuedAfterDenials(),
				clientIssuedAfterSignerFixed(), clientIssuedAfterControllerManagerBack(), rejoinedWithBootstrapToken(),
				clockCorrected());
	}

	static FieldScenario clientRenewedAfterBindingRestored() {
		String node = "gardener-worker-1";
		return FieldScenario.named("healed-client-binding-restored")
			.source("gardener/gardener#3684")
			.story("A worker not rolled for a year filed client renewals that stayed Pending because the"
					+ " selfnodeclient binding was missing; the binding came back 40 minutes ago, the next renewal was"
					+ " auto-approved and issued, and the 1.30 kubelet uses it. Eleven Pending CSRs remain (24 h)")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				clientRenewedAfterPending(cluster, node, "v1.30.6", FieldCsrs.every15Minutes(200, 50), 35);
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.expect(RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH)
			.summaryContains("ended 35 minutes ago")
			.build();
	}

	static FieldScenario servingApprovedByHand() {
		String node = "talos-worker-2";
		return FieldScenario.named("healed-serving-approved-by-hand")
			.source("kubernetes/kubernetes#73356", "devantler-tech/ksail#4322")
			.story("serverTLSBootstrap on and no serving approver: a 1.29 kubelet filed kubelet-serving CSRs for"
					+ " two and a half hours; an engineer approved the newest with kubectl 18 minutes ago and the"
					+ " kubelet serves it. The older Pending CSRs stay until the cleaner takes them")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				int[] stuck = FieldCsrs.every15Minutes(155, 35);
				FieldCsrs.pending(cluster, node, SimulatedCsrs.SERVING_SIGNER, stuck);
				IssuedCertificate served = FieldCsrs.issuedServing(cluster, node, 20, cluster.clusterCa());
				String version = "v1.29.8";
				FieldJournal journal = FieldJournal.of(node, version);
				timedOutRenewals(cluster, journal, KubeletLog.SERVING_SIGNER, stuck);
				renewed(cluster, journal, KubeletLog.SERVING_SIGNER,
						FieldCsrs.name(node, SimulatedCsrs.SERVING_SIGNER, 20), 20);
				FieldNodes.rotating(cluster, node, version, Duration.ofDays(210),
						until(cluster, served.certificate().getNotAfter().toInstant()), 0, stuck.length)
					.servingCertificate(served)
					.logs(journal.lines())
					.apply();
			})
			.alert("KubeletServerCertificateRenewalErrors", "node", node, "severity", "warning")
			.expect(RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH)
			.summaryContains("ended 18 minutes ago")
			.build();
	}

	static FieldScenario servingIssuedAfterDenials() {
		String node = "bare-metal-3";
		String reason = "kubelet-serving cert denied";
		String message = "CSR not complying with kubelet-csr-approver validation process. Reason: The SAN DNS Name"
				+ " could not be resolved, denying the CSR";
		return FieldScenario.named("healed-serving-after-denials")
			.source("postfinance/kubelet-csr-approver#171")
			.story("kubelet-csr-approver denied a 1.27 kubelet's serving CSRs because the node name did not resolve;"
					+ " after it was restarted with bypassDnsResolution it approved the next CSR 24 minutes ago, which"
					+ " was issued and is served. The two denied CSRs stay for their hour")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				String version = "v1.27.16";
				FieldJournal journal = FieldJournal.of(node, version);
				for (int minutes : new int[] { 55, 40 }) {
					cluster.addCsr(SimulatedCsrs.denied(
							FieldCsrs.request(cluster, node, SimulatedCsrs.SERVING_SIGNER, minutes), reason, message));
					Instant deniedAt = FieldCsrs.ago(cluster, minutes - 1);
					journal.log((log) -> log.notSigned(deniedAt, KubeletLog.SERVING_SIGNER,
							"cannot watch on the certificate signing request: certificate signing request is denied,"
									+ " reason: " + reason + ", message: " + message));
				}
				IssuedCertificate served = FieldCsrs.issuedServing(cluster, node, 25, cluster.clusterCa());
				renewed(cluster, journal, KubeletLog.SERVING_SIGNER,
						FieldCsrs.name(node, SimulatedCsrs.SERVING_SIGNER, 25), 25);
				FieldNodes.rotating(cluster, node, version, Duration.ofDays(180),
						until(cluster, served.certificate().getNotAfter().toInstant()), 0, 2)
					.servingCertificate(served)
					.logs(journal.lines())
					.apply();
			})
			.alert("KubeletServerCertificateRenewalErrors", "node", node, "severity", "warning")
			.expect(RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH)
			.summaryContains("ended 23 minutes ago")
			.build();
	}

	static FieldScenario clientIssuedAfterSignerFixed() {
		String node = "onprem-node-4";
		return FieldScenario.named("healed-client-after-signer-fixed")
			.source("postfinance/kubelet-csr-approver#160")
			.story("After a control-plane change the controller-manager ran without signing flags for two hours:"
					+ " a 1.31 kubelet's renewals were auto-approved and never issued (they stay, approved, for 24 h)."
					+ " The flags are back; the renewal filed 55 minutes ago was issued and is in use")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				int[] stuck = FieldCsrs.every15Minutes(190, 70);
				FieldCsrs.approvedNeverIssued(cluster, node, SimulatedCsrs.CLIENT_SIGNER, stuck);
				FieldCsrs.approvedNeverIssued(cluster, "onprem-node-5", SimulatedCsrs.CLIENT_SIGNER, 160, 145, 130);
				CertificateSigningRequest renewal = FieldCsrs.issuedClient(cluster, node, 55, cluster.clusterCa());
				String version = "v1.31.4";
				FieldJournal journal = FieldJournal.of(node, version);
				for (int minutes : stuck) {
					String name = FieldCsrs.name(node, SimulatedCsrs.CLIENT_SIGNER, minutes);
					journal.log((log) -> log.approvedWaiting(FieldCsrs.ago(cluster, minutes), KubeletLog.CLIENT_SIGNER,
							name)
						.notSigned(FieldCsrs.ago(cluster, minutes - 15).minusSeconds(2), KubeletLog.CLIENT_SIGNER,
								KubeletLog.TIMED_OUT));
				}
				renewed(cluster, journal, KubeletLog.CLIENT_SIGNER, renewal.getMetadata().getName(), 55);
				FieldNodes.rotating(cluster, node, version, until(cluster, FieldCsrs.clientNotAfter(cluster, 55)),
						Duration.ofDays(200), stuck.length, 0)
					.logs(journal.lines())
					.apply();
				cluster.node("onprem-node-5").apply();
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.expect(RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH)
			.summaryContains("ended 55 minutes ago")
			.build();
	}

	static FieldScenario clientIssuedAfterControllerManagerBack() {
		String node = "master-000001";
		return FieldScenario.named("healed-client-controller-manager-back")
			.source("openshift/openshift-azure#1827")
			.story("While the control-plane hosts were patched and rebooted no controller-manager led for two hours,"
					+ " so every node's client renewals piled up Pending; the leader is back, the 1.33 kubelet's"
					+ " renewal of 40 minutes ago was auto-approved and issued, and the Pending pile remains")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				clientRenewedAfterPending(cluster, node, "v1.33.5", FieldCsrs.every15Minutes(160, 55), 40);
				clientRenewedAfterPending(cluster, "master-000002", "v1.33.5", new int[] { 150, 135, 120, 105 }, 38);
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.expect(RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH)
			.summaryContains("ended 40 minutes ago")
			.build();
	}

	static FieldScenario rejoinedWithBootstrapToken() {
		String node = "dr-worker-6";
		return FieldScenario.named("healed-rejoined-with-bootstrap-token")
			.source("kubernetes/website#28312", "kubernetes/kubeadm#2502")
			.story("A 1.28 worker came back from months powered off with an expired client certificate; following the"
					+ " kubeadm recovery steps an engineer gave it a bootstrap token, its bootstrap CSR (requester"
					+ " system:bootstrap:9sq1vx) was auto-approved and issued 30 minutes ago, and the node is Ready. Its"
					+ " journal still holds the crash loop from before")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				CertificateSigningRequest bootstrap = SimulatedCsrs.issued(
						FieldCsrs.bootstrapped(FieldCsrs.request(cluster, node, SimulatedCsrs.CLIENT_SIGNER, 30),
								"9sq1vx"),
						cluster.clusterCa(), FieldCsrs.clientNotAfter(cluster, 30));
				cluster.addCsr(bootstrap);
				String version = "v1.28.9";
				FieldJournal journal = FieldJournal.of(node, version);
				for (int minutes : new int[] { 52, 46, 40 }) {
					Instant started = FieldCsrs.ago(cluster, minutes);
					journal.log((log) -> log.currentCertificateExpired(started, KubeletLog.CLIENT_SIGNER)
						.requestFailed(started.plusSeconds(2), KubeletLog.CLIENT_SIGNER,
								KubeletLog.csrForbidden("system:anonymous"))
						.noValidClientCertificate(started.plus(Duration.ofMinutes(5)), true, started));
				}
				renewed(cluster, journal, KubeletLog.CLIENT_SIGNER, bootstrap.getMetadata().getName(), 30);
				FieldNodes.rotating(cluster, node, version, until(cluster, FieldCsrs.clientNotAfter(cluster, 30)),
						Duration.ofDays(190), 9, 0)
					.event("NodeReady", "Normal", "Node " + node + " status is now: NodeReady", Duration.ofMinutes(29), 1)
					.logs(journal.lines())
					.apply();
			})
			.alert("KubeNodeNotReady", "node", node, "condition", "Ready", "status", "true")
			.expect(RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH)
			.summaryContains("ended 30 minutes ago")
			.build();
	}

	static FieldScenario clockCorrected() {
		String node = "vm-worker-7";
		return FieldScenario.named("healed-clock-corrected")
			.source("kubernetes/kubernetes#76714")
			.story("A VM resumed with its clock 40 minutes behind: for a few minutes 70 minutes ago the 1.34 kubelet"
					+ " found the freshly renewed API server certificate not yet valid and stopped reporting. chrony"
					+ " stepped the clock; the node has been Ready for an hour since, its certificates valid, but the"
					+ " journal (within the two hours the service reads) still shows the x509 lines")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant renewedApiServer = FieldCsrs.ago(cluster, 75);
				String version = "v1.34.2";
				FieldJournal journal = FieldJournal.of(node, version);
				for (int minutes : new int[] { 70, 69, 68 }) {
					Instant nodeTime = FieldCsrs.ago(cluster, minutes + 40);
					journal.log((log) -> log.nodeStatusFailed(nodeTime, "Get \"https://10.0.0.10:6443/api/v1/nodes/"
							+ node + "?timeout=10s\": tls: failed to verify certificate: " + KubeletLog.x509Validity(
									nodeTime, renewedApiServer, renewedApiServer.plus(Duration.ofDays(365)))));
				}
				journal.log((log) -> log.waitingForRotation(FieldCsrs.ago(cluster, 60), KubeletLog.CLIENT_SIGNER,
						Duration.ofHours(4100)));
				FieldNodes.rotating(cluster, node, version, Duration.ofDays(230), Duration.ofDays(230), 0, 0)
					.logs(journal.lines())
					.apply();
			})
			.alert("KubeNodeNotReady", "node", node, "condition", "Ready", "status", "true")
			.expect(RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH)
			.summaryContains("only a wrong clock on the node explains")
			.build();
	}

	/**
	 * A Ready kubelet whose client renewals of {@code stuck} minutes ago stayed Pending and timed out,
	 * and whose renewal of {@code renewedMinutes} ago was issued and is in use.
	 */
	static void clientRenewedAfterPending(SimulatedCluster cluster, String node, String version, int[] stuck,
			int renewedMinutes) {
		FieldCsrs.pending(cluster, node, SimulatedCsrs.CLIENT_SIGNER, stuck);
		CertificateSigningRequest renewal = FieldCsrs.issuedClient(cluster, node, renewedMinutes, cluster.clusterCa());
		FieldJournal journal = FieldJournal.of(node, version);
		timedOutRenewals(cluster, journal, KubeletLog.CLIENT_SIGNER, stuck);
		renewed(cluster, journal, KubeletLog.CLIENT_SIGNER, renewal.getMetadata().getName(), renewedMinutes);
		FieldNodes.rotating(cluster, node, version, until(cluster, FieldCsrs.clientNotAfter(cluster, renewedMinutes)),
				Duration.ofDays(240), stuck.length, 0)
			.logs(journal.lines())
			.apply();
	}

	/** The kubelet's lines for renewals that waited 15 minutes each and gave up. */
	static void timedOutRenewals(SimulatedCluster cluster, FieldJournal journal, String signer, int[] ages) {
		for (int minutes : ages) {
			journal.log((log) -> log.rotating(FieldCsrs.ago(cluster, minutes).minusSeconds(1), signer)
				.notSigned(FieldCsrs.ago(cluster, minutes - 15).minusSeconds(2), signer, KubeletLog.TIMED_OUT));
		}
	}

	/** The kubelet's lines for the renewal that worked: rotating, issued, then asleep until the next deadline. */
	static void renewed(SimulatedCluster cluster, FieldJournal journal, String signer, String csr, int minutes) {
		Instant filed = FieldCsrs.ago(cluster, minutes);
		journal.log((log) -> log.rotating(filed.minusSeconds(1), signer)).issued(filed.plusSeconds(3), signer, csr);
		if (KubeletLog.CLIENT_SIGNER.equals(signer)) {
			journal.rotationDetected(filed.plusSeconds(5));
		}
		journal.log((log) -> log.waitingForRotation(filed.plusSeconds(6), signer, Duration.ofHours(6900)));
	}

	static Duration until(SimulatedCluster cluster, Instant notAfter) {
		return Duration.between(cluster.clock().instant(), notAfter);
	}

}
