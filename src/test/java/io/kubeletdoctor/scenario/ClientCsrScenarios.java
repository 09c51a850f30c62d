package io.kubeletdoctor.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.demo.KubeletMetricsText;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedControlPlane;
import io.kubeletdoctor.demo.SimulatedCsrs;
import io.kubeletdoctor.demo.SimulatedNode;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;

/**
 * Client certificate renewals that go nowhere, told apart by where they stop: creation forbidden,
 * Pending because RBAC forbids auto-approval (asked by SubjectAccessReview, or read from the bindings
 * when SubjectAccessReviews are forbidden to this service), Pending because the approver does not run
 * (controller-manager gone, or csrapproving turned off while the log API is off), and approved but
 * never signed.
 */
final class ClientCsrScenarios {

	private ClientCsrScenarios() {
	}

	static List<Scenario> all() {
		return List.of(csrCreateForbidden(), notAuthorizedBySubjectAccessReview(), notAuthorizedFromBindings(),
				approverWithoutLeader(), approverDisabledWithLogQueryOff(), approvedNeverIssued());
	}

	static Scenario csrCreateForbidden() {
		String node = "worker-10";
		return Scenario.named("csr-create-forbidden")
			.shows("The API server runs without the Node authorizer and a hardened node ClusterRole lost the CSR rule:"
					+ " a 1.34 kubelet in its rotation window is refused every CSR under its own name")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				cluster.accessReviews(SimulatedControlPlane.denyingCsr(""));
				Instant now = cluster.clock().instant();
				String version = "v1.34.2";
				KubeletLog log = KubeletLog.of(node, version);
				for (int minutes : new int[] { 31, 16, 1 }) {
					Instant at = now.minus(Duration.ofMinutes(minutes));
					log.rotating(at, KubeletLog.CLIENT_SIGNER)
						.requestFailed(at.plusSeconds(1), KubeletLog.CLIENT_SIGNER,
								KubeletLog.csrForbidden("system:node:" + node));
				}
				rotatingNode(cluster, node, version, Duration.ofDays(29), 12).logs(log.lines()).apply();
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.CSR_CREATE_FORBIDDEN)
			.confidence(Confidence.HIGH)
			.evidence("SubjectAccessReview: system:node:" + node + " may not create certificatesigningrequests",
					"User \\\"system:node:" + node + "\\\" cannot create resource")
			.neverNamed(RootCauseCode.CLIENT_CERT_EXPIRED, RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED)
			.step("rbac", "CRITICAL")
			.build();
	}

	static Scenario notAuthorizedBySubjectAccessReview() {
		String node = "worker-11";
		return Scenario.named("client-csr-not-authorized")
			.shows("kubeadm's node-autoapprove-certificate-rotation binding was deleted: a 1.28 kubelet's renewals"
					+ " pile up Pending every 15 minutes, and a SubjectAccessReview asked as the approver asks says no")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadmWithout(cluster, List.of(SimulatedControlPlane.ROTATION_BINDING));
				cluster.accessReviews(SimulatedControlPlane.denyingCsr("selfnodeclient", "nodeclient"));
				waitingRenewals(cluster, node, "v1.28.13", false);
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED)
			.confidence(Confidence.HIGH)
			.evidence("SubjectAccessReview, asked as the approver asks", "is missing while the other kubeadm bindings"
					+ " exist", "certificate request was not signed: timed out waiting for the condition")
			.neverNamed(RootCauseCode.CSR_APPROVER_NOT_RUNNING, RootCauseCode.CSR_CREATE_FORBIDDEN)
			.build();
	}

	static Scenario notAuthorizedFromBindings() {
		String node = "worker-12";
		return Scenario.named("client-csr-not-authorized-static-rbac")
			.shows("The same missing binding on a 1.30 kubelet, but this service may not create SubjectAccessReviews:"
					+ " RBAC is read from the ClusterRoleBindings instead, and the verdict says so")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadmWithout(cluster, List.of(SimulatedControlPlane.ROTATION_BINDING));
				cluster.failRequests("/subjectaccessreviews", 403);
				waitingRenewals(cluster, node, "v1.30.4", false);
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED)
			.confidence(Confidence.MEDIUM)
			.evidence("Static evaluation of the RBAC bindings", "is missing while the other kubeadm bindings exist")
			.neverNamed(RootCauseCode.UNDETERMINED, RootCauseCode.CSR_APPROVER_NOT_RUNNING,
					RootCauseCode.CSR_CREATE_FORBIDDEN)
			.step("rbac", "CRITICAL")
			.build();
	}

	static Scenario approverWithoutLeader() {
		String node = "worker-13";
		return Scenario.named("approver-not-running-no-leader")
			.shows("No kube-controller-manager has renewed its Lease for 52 minutes: a 1.31 kubelet's renewals stay"
					+ " Pending although RBAC would let them be auto-approved")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				SimulatedControlPlane.controllerManager(cluster, Duration.ofMinutes(52));
				waitingRenewals(cluster, node, "v1.31.9", false);
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.CSR_APPROVER_NOT_RUNNING)
			.confidence(Confidence.HIGH)
			.evidence("no controller-manager is leading", "SubjectAccessReview, asked as the approver asks",
					"\"Unhandled Error\"")
			.neverNamed(RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED)
			.build();
	}

	static Scenario approverDisabledWithLogQueryOff() {
		String node = "worker-14";
		return Scenario.named("approver-disabled-log-api-off")
			.shows("A controller-manager leads but runs without csrapproving; the 1.29 kubelet's log query is off, yet"
					+ " the Pending CSRs and the allowing SubjectAccessReview decide without it")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				waitingRenewals(cluster, node, "v1.29.10", true);
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.CSR_APPROVER_NOT_RUNNING)
			.confidence(Confidence.MEDIUM)
			.evidence("may create certificatesigningrequests/selfnodeclient")
			.neverNamed(RootCauseCode.UNDETERMINED, RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED)
			.step("kubelet-logs", "UNAVAILABLE")
			.step("rbac", "OK")
			.build();
	}

	static Scenario approvedNeverIssued() {
		String node = "worker-15";
		return Scenario.named("csr-not-issued")
			.shows("After a control-plane upgrade the controller-manager runs without signing flags (kubeadm external"
					+ " CA mode): the 1.30 kubelets' client CSRs are auto-approved within a second and never signed")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				approvedRenewals(cluster, node, new int[] { 44, 29, 14 });
				approvedRenewals(cluster, "worker-16", new int[] { 33, 18 });
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.CSR_NOT_ISSUED)
			.confidence(Confidence.HIGH)
			.evidence("approved CSRs wait for a certificate cluster-wide", "timed out waiting for the condition")
			.neverNamed(RootCauseCode.CSR_APPROVER_NOT_RUNNING, RootCauseCode.CA_EXPIRED)
			.build();
	}

	/** A Ready kubelet past its client rotation deadline, holding a certificate valid {@code clientTtl}. */
	private static SimulatedNode rotatingNode(SimulatedCluster cluster, String node, String version,
			Duration clientTtl, int renewErrors) {
		return cluster.node(node)
			.kubeletVersion(version)
			.ready()
			.configz(true, true)
			.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(clientTtl),
					KubeletMetricsText.ttl(Duration.ofDays(300)), renewErrors, 0));
	}

	/** Client renewals filed every 15 minutes and left Pending; the kubelet gives up on each after 15. */
	private static void waitingRenewals(SimulatedCluster cluster, String node, String version, boolean logQueryOff) {
		Instant now = cluster.clock().instant();
		KubeletLog log = KubeletLog.of(node, version);
		int[] ages = { 47, 32, 17, 2 };
		for (int i = 0; i < ages.length; i++) {
			Instant created = now.minus(Duration.ofMinutes(ages[i]));
			if (i > 0) {
				log.notSigned(created.minusSeconds(1), KubeletLog.CLIENT_SIGNER, KubeletLog.TIMED_OUT);
			}
			log.rotating(created.minusSeconds(1), KubeletLog.CLIENT_SIGNER);
			cluster.addCsr(SimulatedCsrs.kubeletClient(NodeCertificates.csrName(node, ages[i]), node, created));
		}
		SimulatedNode kubelet = rotatingNode(cluster, node, version, Duration.ofDays(24), 3).logs(log.lines());
		if (logQueryOff) {
			LogQueryOff.configure(kubelet, true, true);
		}
		kubelet.apply();
	}

	/** Client renewals of a 1.30 kubelet, auto-approved a second after creation and never issued. */
	private static void approvedRenewals(SimulatedCluster cluster, String node, int[] agesInMinutes) {
		Instant now = cluster.clock().instant();
		String version = "v1.30.8";
		KubeletLog log = KubeletLog.of(node, version);
		for (int i = 0; i < agesInMinutes.length; i++) {
			Instant created = now.minus(Duration.ofMinutes(agesInMinutes[i]));
			String name = NodeCertificates.csrName(node, agesInMinutes[i]);
			if (i > 0) {
				log.notSigned(created.minusSeconds(1), KubeletLog.CLIENT_SIGNER, KubeletLog.TIMED_OUT);
			}
			log.approvedWaiting(created.plusSeconds(1), KubeletLog.CLIENT_SIGNER, name);
			cluster.addCsr(SimulatedCsrs.approved(SimulatedCsrs.kubeletClient(name, node, created)));
		}
		rotatingNode(cluster, node, version, Duration.ofDays(52), agesInMinutes.length - 1).logs(log.lines()).apply();
	}

}
