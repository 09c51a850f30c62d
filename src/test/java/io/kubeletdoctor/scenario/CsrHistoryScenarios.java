package io.kubeletdoctor.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.kubeletdoctor.demo.KubeletMetricsText;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedControlPlane;
import io.kubeletdoctor.demo.SimulatedCsrs;
import io.kubeletdoctor.demo.SimulatedNode;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.IssuedCertificate;

/**
 * CSRs outlive the trouble they record: every state a kubelet's trouble leaves behind (Pending,
 * approved and never issued, denied, failed) for both kubelet signers, once on a node that healed (a
 * later CSR of the signer was issued, the kubelet uses its certificate, the Lease renews: no fault,
 * with the past trouble and its end named) and once on a node that did not. Four of the cells that
 * did not heal are told elsewhere: serving-csrs-pile-up, serving-csr-denied and
 * serving-csr-signing-failed (ServingScenarios), csr-not-issued and the approver scenarios
 * (ClientCsrScenarios).
 */
final class CsrHistoryScenarios {

	private static final List<String> NODE_IPS = List.of(NodeCertificates.NODE_IP);

	private static final String VERSION = "v1.33.5";

	/** The leftover CSRs, in minutes: within the hour the cleaner leaves denied and failed ones. */
	private static final int[] LEFTOVER_AGES = { 50, 35 };

	/** When the CSR that ended the trouble was filed. */
	private static final int HEALED_MINUTES_AGO = 20;

	private CsrHistoryScenarios() {
	}

	enum Leftover {

		PENDING, APPROVED_NEVER_ISSUED, DENIED, FAILED;

		String label() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	static List<Scenario> all() {
		List<Scenario> all = new ArrayList<>();
		for (Leftover leftover : Leftover.values()) {
			for (String signer : List.of(SimulatedCsrs.CLIENT_SIGNER, SimulatedCsrs.SERVING_SIGNER)) {
				all.add(healed(leftover, signer));
			}
		}
		all.add(notHealed(Leftover.DENIED, SimulatedCsrs.CLIENT_SIGNER, RootCauseCode.CSR_DENIED));
		all.add(notHealed(Leftover.FAILED, SimulatedCsrs.CLIENT_SIGNER, RootCauseCode.CSR_SIGNING_FAILED));
		all.add(notHealed(Leftover.APPROVED_NEVER_ISSUED, SimulatedCsrs.SERVING_SIGNER, RootCauseCode.CSR_NOT_ISSUED));
		return all;
	}

	static Scenario healed(Leftover leftover, String signer) {
		String node = "healed-" + leftover.label() + "-" + shortSigner(signer);
		return Scenario.named("csr-history-" + leftover.label() + "-" + shortSigner(signer) + "-healed")
			.shows("A 1.33 kubelet's " + shortSigner(signer) + " CSRs of 50 and 35 minutes ago ended "
					+ leftover.label() + "; the trouble was fixed, the CSR it filed 20 minutes ago was issued and"
					+ " is in use, the Lease renews: the leftovers are history")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				KubeletLog log = leftovers(cluster, node, leftover, signer);
				Instant filed = ago(cluster, HEALED_MINUTES_AGO);
				String name = NodeCertificates.csrName(node, HEALED_MINUTES_AGO);
				log.rotating(filed.minusSeconds(1), signer);
				Instant now = cluster.clock().instant();
				if (SimulatedCsrs.CLIENT_SIGNER.equals(signer)) {
					Instant notAfter = filed.plus(Duration.ofDays(365));
					cluster.addCsr(SimulatedCsrs.issued(SimulatedCsrs.kubeletClient(name, node, filed),
							cluster.clusterCa(), notAfter));
					kubelet(cluster, node, Duration.between(now, notAfter), servedFor(cluster, node, 245))
						.logs(log.lines())
						.apply();
				}
				else {
					Instant notBefore = filed.plus(Duration.ofMinutes(2)).minus(Duration.ofMinutes(5));
					IssuedCertificate served = NodeCertificates.serving(node, cluster.clusterCa(), notBefore,
							notBefore.plus(Duration.ofDays(365)));
					cluster.addCsr(SimulatedCsrs.issued(
							SimulatedCsrs.kubeletServing(name, node, NODE_IPS, filed), served.certificate()));
					kubelet(cluster, node, Duration.ofDays(200), served).logs(log.lines()).apply();
				}
			})
			.alert(alertFor(signer), "node", node, "severity", "warning")
			.rootCause(RootCauseCode.NO_FAULT_FOUND)
			.confidence(Confidence.HIGH)
			.evidence("Past trouble with " + signer, "ended " + endedMinutesAgo(signer) + " minutes ago when")
			.alone()
			.build();
	}

	static Scenario notHealed(Leftover leftover, String signer, RootCauseCode cause) {
		String node = "stuck-" + leftover.label() + "-" + shortSigner(signer);
		return Scenario.named("csr-history-" + leftover.label() + "-" + shortSigner(signer) + "-not-healed")
			.shows("A 1.33 kubelet's " + shortSigner(signer) + " CSRs of 50 and 35 minutes ago ended "
					+ leftover.label() + " and none was issued since: the trouble is present, with 30 days left on"
					+ " the certificate in use")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				KubeletLog log = leftovers(cluster, node, leftover, signer);
				boolean client = SimulatedCsrs.CLIENT_SIGNER.equals(signer);
				kubelet(cluster, node, client ? Duration.ofDays(30) : Duration.ofDays(200),
						servedFor(cluster, node, client ? 245 : 30))
					.logs(log.lines())
					.apply();
			})
			.alert(alertFor(signer), "node", node, "severity", "warning")
			.rootCause(cause)
			.confidence(Confidence.HIGH)
			.neverNamed(RootCauseCode.NO_FAULT_FOUND, RootCauseCode.UNDETERMINED)
			.build();
	}

	/** The leftover CSRs of {@code node} for {@code signer}, and the kubelet's lines about each. */
	private static KubeletLog leftovers(SimulatedCluster cluster, String node, Leftover leftover, String signer) {
		KubeletLog log = KubeletLog.of(node, VERSION);
		for (int minutes : LEFTOVER_AGES) {
			Instant filed = ago(cluster, minutes);
			CertificateSigningRequest csr = SimulatedCsrs.CLIENT_SIGNER.equals(signer)
					? SimulatedCsrs.kubeletClient(NodeCertificates.csrName(node, minutes), node, filed)
					: SimulatedCsrs.kubeletServing(NodeCertificates.csrName(node, minutes), node, NODE_IPS, filed);
			log.rotating(filed.minusSeconds(1), signer);
			switch (leftover) {
				case PENDING -> {
					cluster.addCsr(csr);
					log.notSigned(filed.plus(Duration.ofMinutes(15)), signer, KubeletLog.TIMED_OUT);
				}
				case APPROVED_NEVER_ISSUED -> {
					cluster.addCsr(SimulatedCsrs.approved(csr));
					log.notSigned(filed.plus(Duration.ofMinutes(15)), signer, KubeletLog.TIMED_OUT);
				}
				case DENIED -> {
					cluster.addCsr(SimulatedCsrs.denied(csr, "KubectlDeny", "This CSR was denied by kubectl certificate deny."));
					log.notSigned(filed.plus(Duration.ofMinutes(1)), signer, "certificate signing request is denied,"
							+ " reason: KubectlDeny, message: This CSR was denied by kubectl certificate deny.");
				}
				case FAILED -> {
					cluster.addCsr(SimulatedCsrs.failed(csr, "the signer's CA key could not be loaded"));
					log.notSigned(filed.plusSeconds(5), signer, "certificate signing request failed, reason:"
							+ " SignerValidationFailure, message: the signer's CA key could not be loaded");
				}
			}
		}
		return log;
	}

	/** A Ready kubelet with both rotations on, its client certificate lasting {@code clientTtl}. */
	private static SimulatedNode kubelet(SimulatedCluster cluster, String node,
			Duration clientTtl, IssuedCertificate served) {
		Duration servedFor = Duration.between(cluster.clock().instant(), served.certificate().getNotAfter().toInstant());
		return cluster.node(node)
			.kubeletVersion(VERSION)
			.ready()
			.servingCertificate(served)
			.configz(true, true)
			.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(clientTtl),
					KubeletMetricsText.ttl(servedFor), 2, 2));
	}

	/** A serving certificate issued long ago that lasts {@code days} more. */
	private static IssuedCertificate servedFor(SimulatedCluster cluster, String node, int days) {
		Instant now = cluster.clock().instant();
		return NodeCertificates.serving(node, cluster.clusterCa(), now.minus(Duration.ofDays(365 - days)),
				now.plus(Duration.ofDays(days)));
	}

	/**
	 * A client CSR is issued within seconds of being filed; a serving CSR when kubectl approved it two
	 * minutes later, which is when the certificate served now begins (after the signer's backdating).
	 */
	private static int endedMinutesAgo(String signer) {
		return SimulatedCsrs.CLIENT_SIGNER.equals(signer) ? HEALED_MINUTES_AGO : HEALED_MINUTES_AGO - 2;
	}

	private static Instant ago(SimulatedCluster cluster, int minutes) {
		return cluster.clock().instant().minus(Duration.ofMinutes(minutes));
	}

	private static String shortSigner(String signer) {
		return SimulatedCsrs.CLIENT_SIGNER.equals(signer) ? "client" : "serving";
	}

	private static String alertFor(String signer) {
		return SimulatedCsrs.CLIENT_SIGNER.equals(signer) ? "KubeletClientCertificateRenewalErrors"
				: "KubeletServerCertificateRenewalErrors";
	}

}
