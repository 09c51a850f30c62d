package io.kubeletdoctor.scenario.field;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.kubeletdoctor.demo.KubeletMetricsText;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedControlPlane;
import io.kubeletdoctor.demo.SimulatedCsrs;
import io.kubeletdoctor.demo.SimulatedNode;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.scenario.KubeletLog;
import io.kubeletdoctor.scenario.NodeCertificates;

/**
 * Serving certificates in the field: a third-party approver that denies or ignores kubelet-serving
 * CSRs, a managed signer that approves and never issues, a new node with no serving certificate at
 * all, and the self-signed kubelet.crt of a kubelet without serverTLSBootstrap, expiring or expired.
 */
final class ServingFieldScenarios {

	private ServingFieldScenarios() {
	}

	static List<FieldScenario> all() {
		return List.of(deniedForTwoDnsNames(), ignoredForUsages(), approvedNeverIssued(), firstServingCsrPending(),
				selfSignedExpired(), selfSignedExpiring());
	}

	static FieldScenario deniedForTwoDnsNames() {
		String node = "ip-192-168-5-6.eu-central-1.compute.internal";
		String reason = "kubelet-serving cert denied";
		String message = "CSR not complying with kubelet-csr-approver validation process. Reason: The x509 Cert"
				+ " Request contains more than 1 DNS name";
		return FieldScenario.named("serving-csr-denied-two-dns-names")
			.source("postfinance/kubelet-csr-approver#70")
			.story("On EC2 the 1.32 kubelet's serving CSRs carry the public and the private DNS name;"
					+ " kubelet-csr-approver allows one and denies them. The kubelet logs the denial in 1.32's"
					+ " \"Unhandled Error\" wording and keeps a certificate with 25 days left")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				String version = "v1.32.3";
				FieldJournal journal = FieldJournal.of(node, version);
				for (int minutes : new int[] { 35, 20 }) {
					cluster.addCsr(SimulatedCsrs.denied(twoDnsNames(cluster, node, minutes), reason, message));
					journal.log((log) -> log.rotating(FieldCsrs.ago(cluster, minutes).minusSeconds(1),
							KubeletLog.SERVING_SIGNER)
						.notSigned(FieldCsrs.ago(cluster, minutes - 1), KubeletLog.SERVING_SIGNER,
								"cannot watch on the certificate signing request: certificate signing request is"
										+ " denied, reason: " + reason + ", message: " + message));
				}
				servingExpiresIn(cluster, node, version, Duration.ofDays(25), 2).logs(journal.lines()).apply();
			})
			.alert("KubeletServerCertificateRenewalErrors", "node", node, "severity", "warning")
			.expect(RootCauseCode.CSR_DENIED, Confidence.HIGH)
			.build();
	}

	private static CertificateSigningRequest twoDnsNames(SimulatedCluster cluster, String node, int minutes) {
		String pem = CertificateFactory.certificationRequestPem("system:node:" + node, List.of("system:nodes"),
				List.of("ec2-3-120-4-8.eu-central-1.compute.amazonaws.com", node), FieldCsrs.NODE_IPS,
				CertificateFactory.ecKey());
		return new CertificateSigningRequestBuilder(FieldCsrs.request(cluster, node, SimulatedCsrs.SERVING_SIGNER,
				minutes))
			.editSpec()
			.withRequest(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)))
			.endSpec()
			.build();
	}

	static FieldScenario ignoredForUsages() {
		String node = "talos-cw62j";
		return FieldScenario.named("serving-csrs-ignored-for-usages")
			.source("alex1989hu/kubelet-serving-cert-approver#139", "kubernetes/kubernetes#73356")
			.story("A serving approver is installed but only knows the three-usage request; the 1.27 kubelet asks for"
					+ " digital signature and server auth, so every kubelet-serving CSR stays Pending, one every 15"
					+ " minutes for two hours, while the old certificate has 4 days left")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				int[] ages = FieldCsrs.every15Minutes(125, 5);
				FieldCsrs.pending(cluster, node, SimulatedCsrs.SERVING_SIGNER, ages);
				String version = "v1.27.1";
				FieldJournal journal = FieldJournal.of(node, version);
				HealedNodeScenarios.timedOutRenewals(cluster, journal, KubeletLog.SERVING_SIGNER,
						FieldCsrs.every15Minutes(125, 20));
				journal.log((log) -> log.rotating(FieldCsrs.ago(cluster, 5).minusSeconds(1), KubeletLog.SERVING_SIGNER));
				servingExpiresIn(cluster, node, version, Duration.ofDays(4), ages.length - 1).logs(journal.lines())
					.apply();
			})
			.alert("KubeletServerCertificateExpiration", "node", node, "severity", "warning")
			.expect(RootCauseCode.SERVING_CSR_NOT_APPROVED, Confidence.HIGH)
			.build();
	}

	static FieldScenario approvedNeverIssued() {
		String node = "eks-node-8";
		return FieldScenario.named("serving-approved-never-issued")
			.source("postfinance/kubelet-csr-approver#160")
			.story("A managed control plane whose kubelet-serving signer does not sign what the approver approved:"
					+ " the 1.36 kubelet's serving CSRs are approved within a second and never get a certificate,"
					+ " while client CSRs of the cluster are issued normally; the served certificate has 6 days left")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				String version = "v1.36.0";
				FieldJournal journal = FieldJournal.of(node, version);
				for (int minutes : new int[] { 50, 35, 20, 5 }) {
					Instant filed = FieldCsrs.ago(cluster, minutes);
					String name = FieldCsrs.name(node, SimulatedCsrs.SERVING_SIGNER, minutes);
					cluster.addCsr(FieldCsrs.approvedBy(
							FieldCsrs.request(cluster, node, SimulatedCsrs.SERVING_SIGNER, minutes), "AutoApproved",
							"Auto approving kubelet serving certificate after SAN validation", filed.plusSeconds(1)));
					journal.log((log) -> log.rotating(filed.minusSeconds(1), KubeletLog.SERVING_SIGNER))
						.created(filed, KubeletLog.SERVING_SIGNER, name)
						.log((log) -> log.approvedWaiting(filed.plusSeconds(1), KubeletLog.SERVING_SIGNER, name));
					if (minutes > 5) {
						journal.log((log) -> log.notSigned(filed.plus(Duration.ofMinutes(15)),
								KubeletLog.SERVING_SIGNER, KubeletLog.TIMED_OUT));
					}
				}
				FieldCsrs.issuedClient(cluster, "eks-node-9", 30, cluster.clusterCa());
				servingExpiresIn(cluster, node, version, Duration.ofDays(6), 3).logs(journal.lines()).apply();
				cluster.node("eks-node-9").kubeletVersion(version).apply();
			})
			.alert("KubeletServerCertificateExpiration", "node", node, "severity", "warning")
			.expect(RootCauseCode.CSR_NOT_ISSUED, Confidence.HIGH)
			.build();
	}

	static FieldScenario firstServingCsrPending() {
		String node = "new-node-12";
		return FieldScenario.named("first-serving-csr-pending")
			.source("kubernetes/kubernetes#59372", "opsnull/follow-me-install-kubernetes-cluster#365")
			.story("A node joined 40 minutes ago with serverTLSBootstrap: its bootstrap client CSR was approved and"
					+ " issued, its first kubelet-serving CSRs are Pending, so the 1.31 kubelet has no serving"
					+ " certificate and aborts every handshake (no serving certificate available for the kubelet);"
					+ " nothing on the kubelet port can be read")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				cluster.addCsr(SimulatedCsrs.issued(
						FieldCsrs.bootstrapped(FieldCsrs.request(cluster, node, SimulatedCsrs.CLIENT_SIGNER, 41),
								"abcdef"),
						cluster.clusterCa(), FieldCsrs.clientNotAfter(cluster, 41)));
				FieldCsrs.pending(cluster, node, SimulatedCsrs.SERVING_SIGNER, 39, 24, 9);
				String version = "v1.31.2";
				FieldJournal journal = FieldJournal.of(node, version);
				for (int minutes = 38; minutes > 0; minutes -= 1) {
					journal.noServingCertificate(FieldCsrs.ago(cluster, minutes), "10.0.0.10:4" + (3000 + minutes));
				}
				cluster.node(node).kubeletVersion(version).ready().noServingCertificate().logs(journal.lines()).apply();
			})
			.alert("KubeletInstanceUnreachable", "node", node, "job", "kubelet", "severity", "warning")
			.expect(RootCauseCode.SERVING_CSR_NOT_APPROVED, Confidence.HIGH)
			.build();
	}

	static FieldScenario selfSignedExpired() {
		String node = "kubic-n1";
		return FieldScenario.named("self-signed-kubelet-crt-expired")
			.source("thkukuk/kubic-control#45", "kubermatic/kubermatic#9673")
			.story("kubeadm left the 1.27 kubelet without serverTLSBootstrap: it still serves the kubelet.crt it"
					+ " generated 380 days ago, expired 15 days ago; the API server verifies kubelets"
					+ " (--kubelet-certificate-authority) and Prometheus does too, so logs, exec and scrapes fail")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				selfSigned(cluster, node, "v1.27.16", Duration.ofDays(380)).apply();
			})
			.alert("KubeletInstanceUnreachable", "node", node, "job", "kubelet", "severity", "warning")
			.expect(RootCauseCode.SERVING_CERT_EXPIRED, Confidence.HIGH)
			.build();
	}

	static FieldScenario selfSignedExpiring() {
		String node = "k8s-node-2024";
		return FieldScenario.named("self-signed-kubelet-crt-expiring")
			.source("kubernetes/website#15292", "kubernetes/kubeadm#2024")
			.story("A certificate exporter watching /var/lib/kubelet/pki/kubelet.crt warns that the 1.30 kubelet's"
					+ " self-signed serving certificate expires in 6 days; serverTLSBootstrap is off, so no serving TTL"
					+ " series exists and nothing will replace the file")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				selfSigned(cluster, node, "v1.30.10", Duration.ofDays(359)).apply();
			})
			.alert("KubeletServingCertificateExpiringSoon", "node", node, "filepath", "/var/lib/kubelet/pki/kubelet.crt",
					"severity", "warning")
			.expect(RootCauseCode.ROTATION_DISABLED, Confidence.HIGH)
			.build();
	}

	/** A Ready kubelet without serverTLSBootstrap serving the kubelet.crt it generated {@code age} ago. */
	private static SimulatedNode selfSigned(SimulatedCluster cluster, String node, String version, Duration age) {
		Instant now = cluster.clock().instant();
		FieldJournal journal = FieldJournal.of(node, version)
			.log((log) -> log.waitingForRotation(now.minus(Duration.ofHours(3)), KubeletLog.CLIENT_SIGNER,
					Duration.ofHours(3900)));
		return NodeCertificates.selfGenerated(cluster.node(node), now.minus(age))
			.kubeletVersion(version)
			.ready()
			.configz(true, false)
			.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(200)), null, 0, 0))
			.logs(journal.lines());
	}

	/** A Ready kubelet with serverTLSBootstrap whose CA-signed serving certificate has {@code left} to live. */
	private static SimulatedNode servingExpiresIn(SimulatedCluster cluster, String node, String version,
			Duration left, int servingErrors) {
		Instant notAfter = cluster.clock().instant().plus(left);
		return FieldNodes.rotating(cluster, node, version, Duration.ofDays(200), left, 0, servingErrors)
			.servingCertificate(NodeCertificates.serving(node, cluster.clusterCa(),
					notAfter.minus(Duration.ofDays(365)), notAfter));
	}

}
