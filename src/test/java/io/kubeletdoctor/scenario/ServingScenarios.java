package io.kubeletdoctor.scenario;

import java.time.Duration;
import java.time.Instant;
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
import io.kubeletdoctor.pki.IssuedCertificate;

/**
 * The serving side: kubelet-serving CSRs that nobody approves (piling up while the old certificate
 * still works), that someone denied, that the signer refused; a serving certificate from a file that
 * expired; and a self-generated kubelet.crt about to expire with rotation off.
 */
final class ServingScenarios {

	private static final List<String> NODE_IPS = List.of(NodeCertificates.NODE_IP);

	private ServingScenarios() {
	}

	static List<Scenario> all() {
		return List.of(servingCsrsPileUp(), servingCsrDenied(), servingCsrSigningFailed(), servingCertificateExpired(),
				rotationDisabled());
	}

	static Scenario servingCsrsPileUp() {
		String node = "worker-17";
		return Scenario.named("serving-csrs-pile-up")
			.shows("A 1.29 kubelet reached its serving rotation deadline: a new kubelet-serving CSR every 15 minutes,"
					+ " all Pending, while the old certificate still has 35 days. Nothing upstream approves serving"
					+ " CSRs; the client approver and the signer are fine")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				String version = "v1.29.7";
				KubeletLog log = KubeletLog.of(node, version);
				int[] ages = { 62, 47, 32, 17, 2 };
				for (int i = 0; i < ages.length; i++) {
					Instant created = now.minus(Duration.ofMinutes(ages[i]));
					if (i > 0) {
						log.notSigned(created.minusSeconds(1), KubeletLog.SERVING_SIGNER, KubeletLog.TIMED_OUT);
					}
					log.rotating(created.minusSeconds(1), KubeletLog.SERVING_SIGNER);
					cluster.addCsr(SimulatedCsrs.kubeletServing(NodeCertificates.csrName(node, ages[i]), node, NODE_IPS,
							created));
				}
				servingNode(cluster, node, version, Duration.ofDays(35), ages.length - 1).logs(log.lines()).apply();
			})
			.alert("KubeletServerCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.SERVING_CSR_NOT_APPROVED)
			.confidence(Confidence.HIGH)
			.evidence("Still served on", "kubernetes.io/kubelet-serving: certificate request was not signed")
			.neverNamed(RootCauseCode.CSR_APPROVER_NOT_RUNNING, RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED,
					RootCauseCode.CSR_NOT_ISSUED, RootCauseCode.SERVING_CERT_EXPIRED)
			.build();
	}

	static Scenario servingCsrDenied() {
		String node = "worker-18";
		String reason = "KubectlDeny";
		String message = "This CSR was denied by kubectl certificate deny.";
		return Scenario.named("serving-csr-denied")
			.shows("An engineer denied a 1.35 kubelet's serving CSRs with kubectl, taking them for rogue requests;"
					+ " the kubelet logs the denial and keeps its expiring certificate")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				String version = "v1.35.1";
				KubeletLog log = KubeletLog.of(node, version);
				for (int minutes : new int[] { 22, 7 }) {
					Instant created = now.minus(Duration.ofMinutes(minutes));
					cluster.addCsr(SimulatedCsrs.denied(SimulatedCsrs.kubeletServing(NodeCertificates.csrName(node, minutes),
							node, NODE_IPS, created), reason, message));
					log.notSigned(created.plus(Duration.ofMinutes(1)), KubeletLog.SERVING_SIGNER,
							"certificate signing request is denied, reason: " + reason + ", message: " + message);
				}
				servingNode(cluster, node, version, Duration.ofDays(30), 2).logs(log.lines()).apply();
			})
			.alert("KubeletServerCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.CSR_DENIED)
			.confidence(Confidence.HIGH)
			.evidence("reason KubectlDeny", "certificate signing request is denied")
			.neverNamed(RootCauseCode.SERVING_CSR_NOT_APPROVED, RootCauseCode.CSR_SIGNING_FAILED)
			.build();
	}

	static Scenario servingCsrSigningFailed() {
		String node = "worker-19";
		String failure = "usages did not match [digital signature key encipherment server auth client auth]";
		return Scenario.named("serving-csr-signing-failed")
			.shows("A 1.25 node gets its serving certificate from a renewal job (serverTLSBootstrap off, no log"
					+ " query); the job's kubelet-serving CSR asks for client auth too, so the signer fails it and the"
					+ " certificate on disk runs out in 10 days")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				cluster.addCsr(SimulatedCsrs.failed(renewalJobCsr(node, now.minus(Duration.ofMinutes(40))), failure));
				IssuedCertificate serving = NodeCertificates.serving(node, cluster.clusterCa(),
						now.minus(Duration.ofDays(355)), now.plus(Duration.ofDays(10)));
				LogQueryOff.configure(cluster.node(node).kubeletVersion("v1.25.16").ready().servingCertificate(serving),
						true, false)
					.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(200)), null, 0,
							0))
					.apply();
			})
			.alert("KubeletServingCertificateExpiringSoon", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.CSR_SIGNING_FAILED)
			.confidence(Confidence.HIGH)
			.evidence("reason SignerValidationFailure", "usages did not match")
			.alsoNamed(RootCauseCode.ROTATION_DISABLED)
			.neverNamed(RootCauseCode.CSR_DENIED)
			.build();
	}

	static Scenario servingCertificateExpired() {
		String node = "worker-22";
		return Scenario.named("serving-cert-expired")
			.shows("A 1.24 kubelet serves a CA-signed certificate from tlsCertFile, installed by hand a year ago and"
					+ " expired 2 days ago; Prometheus, which verifies it, cannot scrape the node any more")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				IssuedCertificate serving = NodeCertificates.serving(node, cluster.clusterCa(),
						now.minus(Duration.ofDays(367)), now.minus(Duration.ofDays(2)));
				LogQueryOff.configure(cluster.node(node).kubeletVersion("v1.24.17").ready().servingCertificate(serving),
						true, false)
					.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(150)), null, 0,
							0))
					.apply();
			})
			.alert("KubeletInstanceUnreachable", "node", node, "job", "kubelet", "severity", "warning")
			.rootCause(RootCauseCode.SERVING_CERT_EXPIRED)
			.confidence(Confidence.HIGH)
			.evidence("Served on", "issued by CN=kubernetes")
			.alsoNamed(RootCauseCode.ROTATION_DISABLED)
			.neverNamed(RootCauseCode.KUBELET_NOT_RUNNING, RootCauseCode.CA_MISMATCH)
			.build();
	}

	static Scenario rotationDisabled() {
		String node = "worker-21";
		return Scenario.named("rotation-disabled")
			.shows("A 1.19 kubelet without serverTLSBootstrap still serves the kubelet.crt it generated at first start,"
					+ " 356 days ago: it expires in 9 days and nothing will replace it")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				SimulatedNode kubelet = NodeCertificates.selfGenerated(cluster.node(node), now.minus(Duration.ofDays(356)));
				LogQueryOff.configure(kubelet.kubeletVersion("v1.19.16").ready(), true, false)
					.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(120)), null, 0,
							0))
					.apply();
			})
			.alert("KubeletServingCertificateExpiringSoon", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.ROTATION_DISABLED)
			.confidence(Confidence.HIGH)
			.evidence("serverTLSBootstrap is false", "No kubelet_certificate_manager_*_ttl_seconds series")
			.neverNamed(RootCauseCode.SERVING_CERT_EXPIRED, RootCauseCode.CA_MISMATCH)
			.build();
	}

	/** A Ready kubelet with serverTLSBootstrap past its serving rotation deadline, {@code servingTtl} left. */
	private static SimulatedNode servingNode(SimulatedCluster cluster, String node,
			String version, Duration servingTtl, int renewErrors) {
		Instant now = cluster.clock().instant();
		Instant notAfter = now.plus(servingTtl);
		return cluster.node(node)
			.kubeletVersion(version)
			.ready()
			.servingCertificate(NodeCertificates.serving(node, cluster.clusterCa(), notAfter.minus(Duration.ofDays(365)),
					notAfter))
			.configz(true, true)
			.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(200)),
					KubeletMetricsText.ttl(servingTtl), 0, renewErrors));
	}

	/**
	 * What the renewal job files: a kubelet-serving request in the node's name, sent with the job's own
	 * service account and asking for client auth as well, then approved by hand.
	 */
	private static CertificateSigningRequest renewalJobCsr(String node, Instant created) {
		CertificateSigningRequest request = SimulatedCsrs.kubeletServing(NodeCertificates.csrName(node, 1), node,
				NODE_IPS, created);
		return new CertificateSigningRequestBuilder(request).editSpec()
			.withUsername("system:serviceaccount:node-certs:serving-renewer")
			.withGroups("system:serviceaccounts", "system:serviceaccounts:node-certs", "system:authenticated")
			.withUsages("digital signature", "key encipherment", "server auth", "client auth")
			.endSpec()
			.build();
	}

}
