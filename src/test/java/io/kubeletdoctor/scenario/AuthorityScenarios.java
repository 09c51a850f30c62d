package io.kubeletdoctor.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.demo.KubeletMetricsText;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedControlPlane;
import io.kubeletdoctor.demo.SimulatedNode;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.IssuedCertificate;

/**
 * The cluster CA and time itself: an expired and an expiring CA, a CA rotation half done (the kubelet
 * on the old CA, which is fine, or on neither CA, which is not), and a node clock behind the control
 * plane.
 */
final class AuthorityScenarios {

	private static final Duration TEN_YEARS = Duration.ofDays(3652);

	private AuthorityScenarios() {
	}

	static List<Scenario> all() {
		return List.of(caExpired(), caExpiring(), rotationKubeletOnOldCa(), rotationKubeletOnNeitherCa(),
				nodeClockBehind());
	}

	static Scenario caExpired() {
		String node = "worker-20";
		return Scenario.named("ca-expired")
			.shows("The cluster CA expired 6 hours ago: a 1.20 kubelet cannot verify the API server any more, its"
					+ " client certificate (cut short to the CA's NotAfter) expired with it, and the controller-manager"
					+ " lost its Lease too; the CA, not the client certificate, is the root cause. The log lines use"
					+ " 1.20's wording, which a real 1.20 kubelet shows only on the node (no log query before 1.27)")
			.seed((cluster) -> caExpired(cluster, node))
			.alert("KubeNodeUnreachable", "node", node, "key", "node.kubernetes.io/unreachable", "effect", "NoSchedule")
			.rootCause(RootCauseCode.CA_EXPIRED)
			.confidence(Confidence.HIGH)
			.evidence("CA in kube-root-ca.crt", "x509: certificate has expired or is not yet valid")
			.alsoNamed(RootCauseCode.CLIENT_CERT_EXPIRED)
			.neverNamed(RootCauseCode.CA_EXPIRING, RootCauseCode.CA_MISMATCH, RootCauseCode.CLOCK_SKEW)
			.build();
	}

	private static void caExpired(SimulatedCluster cluster, String node) {
		Instant now = cluster.clock().instant();
		Instant caExpiry = now.minus(Duration.ofHours(6));
		caEndingAt(cluster, caExpiry);
		// its own client certificate is signed by the expired CA as well
		SimulatedControlPlane.controllerManager(cluster, Duration.ofHours(6));
		String version = "v1.20.15";
		KubeletLog log = KubeletLog.of(node, version);
		Instant attempt = now.minus(Duration.ofMinutes(12));
		Instant caStart = caExpiry.minus(TEN_YEARS);
		log.currentCertificateExpired(attempt, KubeletLog.CLIENT_SIGNER)
			.requestFailed(attempt.plusSeconds(1), KubeletLog.CLIENT_SIGNER,
					"cannot create certificate signing request: Post \"https://10.0.0.10:6443/apis/certificates.k8s.io"
							+ "/v1/certificatesigningrequests\": " + KubeletLog.x509Validity(attempt, caStart, caExpiry))
			.noValidClientCertificate(now.minus(Duration.ofMinutes(7)), false, caExpiry)
			.nodeStatusFailed(now.minus(Duration.ofMinutes(2)), "Get \"https://10.0.0.10:6443/api/v1/nodes/" + node
					+ "?timeout=10s\": " + KubeletLog.x509Validity(now.minus(Duration.ofMinutes(2)), caStart, caExpiry));
		NodeCertificates.selfGenerated(cluster.node(node), now.minus(Duration.ofDays(200)))
			.kubeletVersion(version)
			.statusUnknown(Duration.ofHours(6))
			.configz(true, false)
			.metrics(KubeletMetricsText.certificateMetrics(Double.POSITIVE_INFINITY, null, 41, 0))
			.logs(log.lines())
			.apply();
	}

	static Scenario caExpiring() {
		String node = "worker-5";
		return Scenario.named("ca-expiring")
			.shows("The cluster CA expires in 6 days, so the signer cuts every kubelet certificate short to that"
					+ " moment: the serving certificate issued 2 days ago already ends with the CA, and the expiry"
					+ " alert fires on it")
			.seed((cluster) -> {
				Instant now = cluster.clock().instant();
				Instant caExpiry = now.plus(Duration.ofDays(6));
				IssuedCertificate ca = caEndingAt(cluster, caExpiry);
				rotating(cluster, node, NodeCertificates.serving(node, ca, now.minus(Duration.ofDays(2)), caExpiry),
						Duration.ofDays(6), Duration.ofDays(6), 0)
					.apply();
			})
			.alert("KubeletServerCertificateExpiration", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.CA_EXPIRING)
			.confidence(Confidence.HIGH)
			.evidence("CA in kube-root-ca.crt", "the CA's own NotAfter")
			.neverNamed(RootCauseCode.CA_EXPIRED, RootCauseCode.ROTATION_DISABLED, RootCauseCode.SERVING_CERT_EXPIRED)
			.build();
	}

	static Scenario rotationKubeletOnOldCa() {
		String node = "worker-6";
		return Scenario.named("ca-rotation-kubelet-on-old-ca")
			.shows("Mid CA rotation kube-root-ca.crt holds the old and the new CA (same name, different keys); a 1.36"
					+ " kubelet still serves a certificate from the old one, which the bundle trusts: healthy, and the"
					+ " renew-error alert from the rotation is stale")
			.seed((cluster) -> {
				Instant now = cluster.clock().instant();
				IssuedCertificate oldCa = halfDoneRotation(cluster);
				rotating(cluster, node, NodeCertificates.serving(node, oldCa, now.minus(Duration.ofDays(100)),
						now.plus(Duration.ofDays(200))), Duration.ofDays(200), Duration.ofDays(200), 2)
					.kubeletVersion("v1.36.0")
					.apply();
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.NO_FAULT_FOUND)
			.confidence(Confidence.HIGH)
			.evidence("CN=system:node:" + node + ", issued by CN=kubernetes")
			.neverNamed(RootCauseCode.CA_MISMATCH, RootCauseCode.CA_EXPIRING)
			.step("certificate-authority", "OK")
			.alone()
			.build();
	}

	static Scenario rotationKubeletOnNeitherCa() {
		String node = "worker-7";
		return Scenario.named("ca-rotation-kubelet-on-neither-ca")
			.shows("The same half-done rotation, but a 1.35 kubelet serves a certificate from a third CA of the same"
					+ " name (a key generated and discarded during the rotation): it chains to neither CA of the bundle,"
					+ " so Prometheus, which verifies against the bundle, can no longer scrape it")
			.seed((cluster) -> {
				Instant now = cluster.clock().instant();
				halfDoneRotation(cluster);
				IssuedCertificate discarded = CertificateFactory.certificateAuthority("kubernetes",
						now.minus(Duration.ofDays(3)), now.plus(TEN_YEARS));
				rotating(cluster, node, NodeCertificates.serving(node, discarded, now.minus(Duration.ofDays(2)),
						now.plus(Duration.ofDays(363))), Duration.ofDays(180), Duration.ofDays(363), 0)
					.kubeletVersion("v1.35.2")
					.apply();
			})
			.alert("KubeletInstanceUnreachable", "node", node, "job", "kubelet", "severity", "warning")
			.rootCause(RootCauseCode.CA_MISMATCH)
			.confidence(Confidence.MEDIUM)
			.evidence("chains to none of the 2 CA(s) in kube-root-ca.crt", "has the issuer's name but not its key")
			.neverNamed(RootCauseCode.NO_FAULT_FOUND, RootCauseCode.CA_EXPIRING)
			.step("certificate-authority", "WARNING")
			.build();
	}

	static Scenario nodeClockBehind() {
		String node = "worker-8";
		return Scenario.named("node-clock-behind")
			.shows("A 1.27 node's clock runs 50 minutes behind; the API server certificate renewed 20 minutes ago is"
					+ " not yet valid by that clock, so the kubelet stopped reporting, although its own certificates are"
					+ " fine")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				Instant nodeNow = now.minus(Duration.ofMinutes(50));
				Instant apiServerRenewed = now.minus(Duration.ofMinutes(20));
				String version = "v1.27.16";
				KubeletLog log = KubeletLog.of(node, version);
				for (int seconds : new int[] { 40, 30 }) {
					Instant at = nodeNow.minusSeconds(seconds);
					log.nodeStatusFailed(at, "Get \"https://10.0.0.10:6443/api/v1/nodes/" + node + "?timeout=10s\": tls:"
							+ " failed to verify certificate: " + KubeletLog.x509Validity(at, apiServerRenewed,
									apiServerRenewed.plus(Duration.ofDays(365))));
				}
				cluster.node(node)
					.kubeletVersion(version)
					.statusUnknown(Duration.ofMinutes(20))
					.configz(true, true)
					.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(250)),
							KubeletMetricsText.ttl(Duration.ofDays(250)), 0, 0))
					.logs(log.lines())
					.apply();
			})
			.alert("KubeNodeNotReady", "node", node, "condition", "Ready", "status", "true")
			.rootCause(RootCauseCode.CLOCK_SKEW)
			.confidence(Confidence.MEDIUM)
			.evidence("tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current"
					+ " time ", " is before ")
			.neverNamed(RootCauseCode.CLIENT_CERT_EXPIRED, RootCauseCode.KUBELET_NOT_RUNNING)
			.build();
	}

	/** A kubeadm control plane whose one CA, {@code kubernetes}, ends at {@code notAfter} after ten years. */
	private static IssuedCertificate caEndingAt(SimulatedCluster cluster, Instant notAfter) {
		IssuedCertificate ca = CertificateFactory.certificateAuthority("kubernetes", notAfter.minus(TEN_YEARS), notAfter);
		cluster.publishCaBundle(ca);
		SimulatedControlPlane.kubeadm(cluster);
		return ca;
	}

	/**
	 * A kubeadm control plane mid CA rotation: kube-root-ca.crt holds the old CA, 200 days from its
	 * end, and the new one, a day old, under the same name. Returns the old CA.
	 */
	private static IssuedCertificate halfDoneRotation(SimulatedCluster cluster) {
		Instant now = cluster.clock().instant();
		IssuedCertificate oldCa = CertificateFactory.certificateAuthority("kubernetes",
				now.minus(Duration.ofDays(3450)), now.plus(Duration.ofDays(200)));
		IssuedCertificate newCa = CertificateFactory.certificateAuthority("kubernetes", now.minus(Duration.ofDays(1)),
				now.plus(TEN_YEARS));
		cluster.publishCaBundle(oldCa, newCa);
		SimulatedControlPlane.kubeadm(cluster);
		return oldCa;
	}

	/** A Ready node rotating both certificates, serving {@code serving}, its metrics giving the TTLs left. */
	private static SimulatedNode rotating(SimulatedCluster cluster, String node, IssuedCertificate serving,
			Duration clientTtl, Duration servingTtl, int clientRenewErrors) {
		return cluster.node(node)
			.ready()
			.servingCertificate(serving)
			.configz(true, true)
			.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(clientTtl),
					KubeletMetricsText.ttl(servingTtl), clientRenewErrors, 0));
	}

}
