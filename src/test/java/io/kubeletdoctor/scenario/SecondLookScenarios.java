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
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.IssuedCertificate;

/**
 * A second look at causes the other groups show once, each from the runbook's side with the verdict
 * and confidence a reader of the reference expects: the same fault shown by other evidence, a
 * misleading variant where one alternative stays open, and a node that healed longer ago than
 * Kubernetes keeps the issued CSR.
 */
final class SecondLookScenarios {

	private static final Duration TEN_YEARS = Duration.ofDays(3652);

	private SecondLookScenarios() {
	}

	static List<Scenario> all() {
		return List.of(nodeReplacedUnderAnotherName(), caExpiredSignerRefuses(), caExpiringWithSeparateSigner(),
				caMismatchConfirmedByIssuedCsr(), csrRefusedByNodeRestriction(), portBlockedWhileNodeReports(),
				clientHealedOverAnHourAgo());
	}

	static Scenario nodeReplacedUnderAnotherName() {
		return Scenario.named("node-replaced-under-another-name")
			.shows("The cluster autoscaler replaced ip-10-0-3-17 by ip-10-0-3-18 an hour ago; the NotReady alert for"
					+ " the old name still fires, and the new node with an almost identical name is healthy")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				cluster.node("ip-10-0-3-18.eu-west-1.compute.internal").ready().apply();
			})
			.alert("KubeNodeNotReady", "node", "ip-10-0-3-17.eu-west-1.compute.internal", "condition", "Ready",
					"status", "true")
			.rootCause(RootCauseCode.NODE_NOT_FOUND)
			.confidence(Confidence.HIGH)
			.evidence("No Node object matches")
			.alone()
			.build();
	}

	static Scenario caExpiredSignerRefuses() {
		String node = "worker-23";
		return Scenario.named("ca-expired-signer-refuses")
			.shows("The cluster CA expired two days ago. A 1.29 kubelet without log query (nothing to read on the"
					+ " node from here) files client CSRs that the approver approves and the signer never signs: it"
					+ " refuses an expired CA without marking them Failed. Those unsigned CSRs show the cluster still"
					+ " signs with that CA")
			.seed((cluster) -> {
				Instant now = cluster.clock().instant();
				Instant caExpiry = now.minus(Duration.ofDays(2));
				cluster.publishCaBundle(CertificateFactory.certificateAuthority("kubernetes", caExpiry.minus(TEN_YEARS),
						caExpiry));
				SimulatedControlPlane.kubeadm(cluster);
				for (int minutes : new int[] { 40, 25, 10 }) {
					cluster.addCsr(SimulatedCsrs.approved(SimulatedCsrs.kubeletClient(
							NodeCertificates.csrName(node, minutes), node, now.minus(Duration.ofMinutes(minutes)))));
				}
				LogQueryOff.configure(cluster.node(node).kubeletVersion("v1.29.8").statusUnknown(Duration.ofHours(47)),
						true, true)
					.metrics(KubeletMetricsText.certificateMetrics(Double.POSITIVE_INFINITY,
							KubeletMetricsText.ttl(Duration.ofDays(100)), 30, 0))
					.apply();
			})
			.alert("KubeNodeNotReady", "node", node, "condition", "Ready", "status", "true")
			.rootCause(RootCauseCode.CA_EXPIRED)
			.confidence(Confidence.HIGH)
			.evidence("CA in kube-root-ca.crt", "approved CSRs wait for a certificate cluster-wide")
			.alsoNamed(RootCauseCode.CSR_NOT_ISSUED)
			.neverNamed(RootCauseCode.CA_EXPIRING, RootCauseCode.KUBELET_NOT_RUNNING)
			.build();
	}

	static Scenario caExpiringWithSeparateSigner() {
		String node = "agent-7";
		return Scenario.named("ca-expiring-separate-serving-signer")
			.shows("kube-root-ca.crt, the API server's CA, expires in 30 days: that alone breaks every client of the"
					+ " API server. The kubelet serves a certificate from a serving CA of its own (per-signer flags, as"
					+ " k3s and RKE2 do) and no kubelet CSR was issued in the last hour, so whether the kubelet signers"
					+ " cut certificates short to that CA cannot be told from here")
			.seed((cluster) -> {
				Instant now = cluster.clock().instant();
				Instant caExpiry = now.plus(Duration.ofDays(30));
				cluster.publishCaBundle(CertificateFactory.certificateAuthority("rke2-server-ca@1733011200",
						caExpiry.minus(TEN_YEARS), caExpiry));
				SimulatedControlPlane.kubeadm(cluster);
				IssuedCertificate servingCa = CertificateFactory.certificateAuthority(
						"rke2-kubelet-serving-ca@1733011200", now.minus(Duration.ofDays(500)),
						now.minus(Duration.ofDays(500)).plus(TEN_YEARS));
				cluster.node(node)
					.kubeletVersion("v1.31.6")
					.ready()
					.configz(true, true)
					.servingCertificate(NodeCertificates.serving(node, servingCa, now.minus(Duration.ofDays(40)),
							now.plus(Duration.ofDays(325))))
					.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(250)),
							KubeletMetricsText.ttl(Duration.ofDays(325)), 0, 0))
					.apply();
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.CA_EXPIRING)
			.confidence(Confidence.MEDIUM)
			.evidence("Not ruled out: the kubelet signers using another CA")
			.neverNamed(RootCauseCode.CA_MISMATCH, RootCauseCode.CA_EXPIRED)
			.build();
	}

	static Scenario caMismatchConfirmedByIssuedCsr() {
		String node = "worker-24";
		return Scenario.named("ca-mismatch-confirmed-by-issued-csr")
			.shows("The cluster CA was regenerated under the same name and the old one dropped from the bundle; a 1.33"
					+ " kubelet still serves a certificate from the old key. A serving CSR of another node, issued 20"
					+ " minutes ago by the bundle's CA, shows the signer uses that CA: the mismatch is a fault, not a"
					+ " separate signer by design")
			.seed((cluster) -> {
				Instant now = cluster.clock().instant();
				IssuedCertificate oldCa = CertificateFactory.certificateAuthority("kubernetes",
						now.minus(Duration.ofDays(900)), now.plus(Duration.ofDays(2700)));
				SimulatedControlPlane.kubeadm(cluster);
				cluster.node(node)
					.kubeletVersion("v1.33.5")
					.ready()
					.configz(true, true)
					.servingCertificate(NodeCertificates.serving(node, oldCa, now.minus(Duration.ofDays(30)),
							now.plus(Duration.ofDays(335))))
					.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(300)),
							KubeletMetricsText.ttl(Duration.ofDays(335)), 0, 0))
					.apply();
				issuedServingOfAnotherNode(cluster, "worker-25", 20);
			})
			.alert("KubeletInstanceUnreachable", "node", node, "job", "kubelet", "severity", "warning")
			.rootCause(RootCauseCode.CA_MISMATCH)
			.confidence(Confidence.HIGH)
			.evidence("has the issuer's name but not its key", "Confidence HIGH")
			.neverNamed(RootCauseCode.NO_FAULT_FOUND)
			.build();
	}

	static Scenario csrRefusedByNodeRestriction() {
		String node = "worker-26";
		String oldName = "worker-26-old";
		return Scenario.named("csr-refused-by-node-restriction")
			.shows("The machine was renamed: a 1.32 kubelet now calls itself " + node + " but still authenticates with"
					+ " the client certificate of " + oldName + ", so NodeRestriction refuses every CSR it files for"
					+ " its new name; RBAC has nothing to do with it")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				String version = "v1.32.4";
				KubeletLog log = KubeletLog.of(node, version);
				for (int minutes : new int[] { 33, 17, 1 }) {
					Instant at = now.minus(Duration.ofMinutes(minutes));
					log.rotating(at, KubeletLog.CLIENT_SIGNER)
						.requestFailed(at.plusSeconds(1), KubeletLog.CLIENT_SIGNER, "cannot create certificate signing"
								+ " request: certificatesigningrequests.certificates.k8s.io is forbidden: can only create"
								+ " a node CSR with CN=system:node:" + oldName);
				}
				cluster.node(node)
					.kubeletVersion(version)
					.ready()
					.configz(true, true)
					.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(20)),
							KubeletMetricsText.ttl(Duration.ofDays(300)), 6, 0))
					.logs(log.lines())
					.apply();
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.CSR_CREATE_FORBIDDEN)
			.confidence(Confidence.HIGH)
			.evidence("can only create a node CSR with CN=system:node:" + oldName)
			.neverNamed(RootCauseCode.CLIENT_CERT_EXPIRED, RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED)
			.build();
	}

	static Scenario portBlockedWhileNodeReports() {
		String node = "worker-27";
		return Scenario.named("kubelet-port-blocked-node-reports")
			.shows("A network policy change blocks this service from the kubelet port while the 1.30 kubelet keeps"
					+ " renewing its Lease: the port refuses from here, nothing certificate-related can be read, and"
					+ " the node is plainly alive. The service must neither call the kubelet down nor the node healthy")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				cluster.node(node).kubeletVersion("v1.30.6").ready().kubeletDown().apply();
			})
			.alert("KubeletInstanceUnreachable", "node", node, "job", "kubelet", "severity", "warning")
			.rootCause(RootCauseCode.UNDETERMINED)
			.confidence(Confidence.LOW)
			.neverNamed(RootCauseCode.KUBELET_NOT_RUNNING, RootCauseCode.NO_FAULT_FOUND)
			.build();
	}

	static Scenario clientHealedOverAnHourAgo() {
		String node = "worker-28";
		String version = "v1.33.5";
		return Scenario.named("client-healed-over-an-hour-ago")
			.shows("Two and a half hours ago kubeadm's rotation auto-approval binding was missing and a 1.33 kubelet's"
					+ " client renewals stayed Pending, one every 15 minutes; the binding came back, the next renewal"
					+ " was issued about 110 minutes ago and its CSR has since been garbage-collected (issued CSRs live"
					+ " an hour). The Pending leftovers stay for 24 hours, but the kubelet stopped filing, its TTL gauge"
					+ " shows a fresh certificate and the Lease renews: healed, with the past trouble named")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				Instant now = cluster.clock().instant();
				KubeletLog log = KubeletLog.of(node, version);
				int[] ages = { 155, 140, 125 };
				for (int i = 0; i < ages.length; i++) {
					Instant created = now.minus(Duration.ofMinutes(ages[i]));
					if (i > 0) {
						log.notSigned(created.minusSeconds(1), KubeletLog.CLIENT_SIGNER, KubeletLog.TIMED_OUT);
					}
					log.rotating(created.minusSeconds(1), KubeletLog.CLIENT_SIGNER);
					cluster.addCsr(SimulatedCsrs.kubeletClient(NodeCertificates.csrName(node, ages[i]), node, created));
				}
				cluster.node(node)
					.kubeletVersion(version)
					.ready()
					.configz(true, true)
					.metrics(KubeletMetricsText.certificateMetrics(
							KubeletMetricsText.ttl(Duration.ofDays(365).minus(Duration.ofMinutes(110))),
							KubeletMetricsText.ttl(Duration.ofDays(300)), 8, 0))
					.logs(log.lines())
					.apply();
			})
			.alert("KubeletClientCertificateRenewalErrors", "node", node, "severity", "warning")
			.rootCause(RootCauseCode.NO_FAULT_FOUND)
			.confidence(Confidence.HIGH)
			.evidence("Past trouble with " + SimulatedCsrs.CLIENT_SIGNER, "garbage-collected")
			.summary("It healed from past trouble with " + SimulatedCsrs.CLIENT_SIGNER, "3 pending CSR(s)", "ended")
			.alone()
			.build();
	}

	/** A serving CSR of {@code node}, issued {@code minutesAgo} by the cluster's own CA, and the node serving it. */
	private static void issuedServingOfAnotherNode(SimulatedCluster cluster, String node, int minutesAgo) {
		Instant filed = cluster.clock().instant().minus(Duration.ofMinutes(minutesAgo));
		Instant notBefore = filed.plus(Duration.ofMinutes(2)).minus(Duration.ofMinutes(5));
		IssuedCertificate served = NodeCertificates.serving(node, cluster.clusterCa(), notBefore,
				notBefore.plus(Duration.ofDays(365)));
		cluster.addCsr(SimulatedCsrs.issued(SimulatedCsrs.kubeletServing(NodeCertificates.csrName(node, minutesAgo),
				node, List.of(NodeCertificates.NODE_IP), filed), served.certificate()));
		cluster.node(node).ready().configz(true, true).servingCertificate(served).apply();
	}

}
