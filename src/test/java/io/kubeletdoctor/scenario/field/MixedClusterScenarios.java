package io.kubeletdoctor.scenario.field;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.demo.KubeletMetricsText;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedControlPlane;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.IssuedCertificate;
import io.kubeletdoctor.scenario.KubeletLog;
import io.kubeletdoctor.scenario.LogQueryOff;
import io.kubeletdoctor.scenario.NodeCertificates;

/**
 * KubeletDown names no node and fires only when no kubelet can be scraped; behind it the nodes of
 * one cluster fail for different reasons. The cluster report lists each affected node with its own
 * cause, heads with the largest group, says "several causes" when no group holds a majority, and
 * leaves out a node that healed while the alert was on its way.
 */
final class MixedClusterScenarios {

	private static final String ANONYMOUS_FORBIDDEN = KubeletLog.csrForbidden("system:anonymous");

	private MixedClusterScenarios() {
	}

	static List<FieldScenario> all() {
		return List.of(threeOfFiveClientExpired(), noMajority());
	}

	static FieldScenario threeOfFiveClientExpired() {
		return FieldScenario.named("kubelet-down-three-of-five-mixed")
			.source("kubernetes/kubeadm#2660", "kubermatic/kubermatic#9673", "gardener/gardener#3684")
			.story("A lab cluster powered on after 14 months: three kubelets (1.27, 1.30, 1.33) crash-loop on expired"
					+ " client certificates, one (1.32) does not start at all, and one (1.29) serves a self-signed"
					+ " kubelet.crt that expired 3 days ago, which Prometheus, verifying, cannot scrape. A sixth node"
					+ " renewed 12 minutes ago after its Pending renewals and is healthy: it must not be listed")
			.seed(MixedClusterScenarios::threeOfFive)
			.alert("KubeletDown", "severity", "critical")
			.clusterScope(Map.of("lab-a", RootCauseCode.CLIENT_CERT_EXPIRED, "lab-b", RootCauseCode.CLIENT_CERT_EXPIRED,
					"lab-c", RootCauseCode.CLIENT_CERT_EXPIRED, "lab-d", RootCauseCode.KUBELET_NOT_RUNNING, "lab-e",
					RootCauseCode.SERVING_CERT_EXPIRED))
			.summaryContains("3 of 5")
			.expect(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH)
			.build();
	}

	private static void threeOfFive(SimulatedCluster cluster) {
		SimulatedControlPlane.kubeadm(cluster);
		Instant now = cluster.clock().instant();
		Duration poweredOff = Duration.ofDays(420);
		FieldNodes.expiredClient(cluster, "lab-a", "v1.27.16", poweredOff, ANONYMOUS_FORBIDDEN).apply();
		FieldNodes.expiredClient(cluster, "lab-b", "v1.30.6", poweredOff, ANONYMOUS_FORBIDDEN).apply();
		FieldNodes.expiredClient(cluster, "lab-c", "v1.33.5", poweredOff, ANONYMOUS_FORBIDDEN).apply();
		cluster.node("lab-d").kubeletVersion("v1.32.4").statusUnknown(Duration.ofMinutes(40)).kubeletDown().apply();
		NodeCertificates.selfGenerated(cluster.node("lab-e"), now.minus(Duration.ofDays(368)))
			.kubeletVersion("v1.29.10")
			.ready()
			.configz(true, false)
			.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(200)), null, 0, 0))
			.apply();
		HealedNodeScenarios.clientRenewedAfterPending(cluster, "lab-f", "v1.34.1", FieldCsrs.every15Minutes(110, 25),
				12);
	}

	static FieldScenario noMajority() {
		return FieldScenario.named("kubelet-down-several-causes")
			.source("kubernetes/kubeadm#2660", "kubernetes/kubernetes#63164")
			.story("Four kubelets, no common cause: two (1.31, and 1.26 without log query) with expired client"
					+ " certificates, one (1.30) stopped, and one (1.35) serving a certificate from a key that is in no"
					+ " CA of kube-root-ca.crt (x509: certificate signed by unknown authority for every verifying"
					+ " client). Two of four is no majority: the report must say several causes")
			.seed(MixedClusterScenarios::severalCauses)
			.alert("KubeletDown", "severity", "critical")
			.clusterScope(Map.of("mix-a", RootCauseCode.CLIENT_CERT_EXPIRED, "mix-b", RootCauseCode.CLIENT_CERT_EXPIRED,
					"mix-c", RootCauseCode.KUBELET_NOT_RUNNING, "mix-d", RootCauseCode.CA_MISMATCH))
			.summaryContains("several causes")
			.expect(RootCauseCode.CLIENT_CERT_EXPIRED, null)
			.build();
	}

	private static void severalCauses(SimulatedCluster cluster) {
		SimulatedControlPlane.kubeadm(cluster);
		Instant now = cluster.clock().instant();
		Duration poweredOff = Duration.ofDays(30);
		FieldNodes.expiredClient(cluster, "mix-a", "v1.31.9", poweredOff, ANONYMOUS_FORBIDDEN).apply();
		LogQueryOff.configure(NodeCertificates.silentWithExpiredClient(cluster, "mix-b", "v1.26.15", poweredOff), true, true)
			.apply();
		cluster.node("mix-c").kubeletVersion("v1.30.10").statusUnknown(Duration.ofMinutes(35)).kubeletDown().apply();
		IssuedCertificate unknown = CertificateFactory.certificateAuthority("kubernetes", now.minus(Duration.ofDays(3)),
				now.plus(Duration.ofDays(3650)));
		FieldNodes.rotating(cluster, "mix-d", "v1.35.2", Duration.ofDays(180), Duration.ofDays(362), 0, 0)
			.servingCertificate(NodeCertificates.serving("mix-d", unknown, now.minus(Duration.ofDays(3)),
					now.plus(Duration.ofDays(362))))
			.apply();
	}

}
