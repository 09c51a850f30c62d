package io.kubeletdoctor.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.CertificateFactory.Spec;
import io.kubeletdoctor.pki.IssuedCertificate;

/**
 * The demo cluster's story: a kubeadm-style cluster whose CSR signer stopped about 45 minutes
 * ago, with one node per failure a kubelet certificate alert can hide. Node names say what is
 * wrong; {@link #expectedVerdicts()} says what a correct diagnosis concludes.
 */
public final class DemoScenarios {

	public static final String HEALTHY = "worker-healthy-1";

	public static final String EXPIRED_SERVING = "worker-expired-serving";

	public static final String PENDING_SERVING_CSR = "worker-pending-serving-csr";

	public static final String CLIENT_EXPIRED = "worker-client-expired";

	public static final String KUBELET_DOWN = "worker-kubelet-down";

	public static final String CSR_NOT_ISSUED = "worker-csr-not-issued";

	private static final List<String> NODE_IP = List.of("127.0.0.1");

	private static final String CLIENT_LOGGER = "logger=\"" + SimulatedCsrs.CLIENT_SIGNER + "\"";

	private DemoScenarios() {
	}

	/** Node name to the root-cause code a correct diagnosis names, in the order the nodes are seeded. */
	public static Map<String, String> expectedVerdicts() {
		Map<String, String> verdicts = new LinkedHashMap<>();
		verdicts.put(HEALTHY, RootCauseCode.NO_FAULT_FOUND.name());
		verdicts.put(EXPIRED_SERVING, RootCauseCode.SERVING_CERT_EXPIRED.name());
		verdicts.put(PENDING_SERVING_CSR, RootCauseCode.SERVING_CSR_NOT_APPROVED.name());
		verdicts.put(CLIENT_EXPIRED, RootCauseCode.CLIENT_CERT_EXPIRED.name());
		verdicts.put(KUBELET_DOWN, RootCauseCode.KUBELET_NOT_RUNNING.name());
		verdicts.put(CSR_NOT_ISSUED, RootCauseCode.CSR_NOT_ISSUED.name());
		return verdicts;
	}

	/** The kubernetes-mixin alert each node would plausibly fire, for a demo alert sender. */
	public static Map<String, String> alertNames() {
		Map<String, String> alerts = new LinkedHashMap<>();
		alerts.put(HEALTHY, "KubeletClientCertificateRenewalErrors");
		alerts.put(EXPIRED_SERVING, "KubeletInstanceUnreachable");
		alerts.put(PENDING_SERVING_CSR, "KubeletServerCertificateRenewalErrors");
		alerts.put(CLIENT_EXPIRED, "KubeNodeUnreachable");
		alerts.put(KUBELET_DOWN, "KubeNodeUnreachable");
		alerts.put(CSR_NOT_ISSUED, "KubeletClientCertificateExpiration");
		return alerts;
	}

	public static void seed(SimulatedCluster cluster) {
		Instant now = cluster.clock().instant();
		controlPlane(cluster);
		healthy(cluster, now);
		expiredServing(cluster, now);
		pendingServingCsr(cluster, now);
		clientExpired(cluster, now);
		kubeletDown(cluster, now);
		csrNotIssued(cluster, now);
	}

	/** A live controller manager and kubeadm's CSR bindings: approval works, signing is what stopped. */
	private static void controlPlane(SimulatedCluster cluster) {
		SimulatedControlPlane.kubeadm(cluster);
	}

	/** Everything valid; both certificates rotated 50 minutes ago, before the signer stopped. */
	private static void healthy(SimulatedCluster cluster, Instant now) {
		IssuedCertificate ca = cluster.clusterCa();
		Instant requested = now.minus(Duration.ofMinutes(50));
		CertificateSigningRequest servingCsr = SimulatedCsrs
			.approved(SimulatedCsrs.kubeletServing(csrName(HEALTHY, 1), HEALTHY, NODE_IP, requested));
		IssuedCertificate serving = servingCertificate(HEALTHY, ca, requested.minus(Duration.ofMinutes(3)),
				now.plus(Duration.ofDays(300)));
		cluster.addCsr(SimulatedCsrs.issued(servingCsr, serving.certificate()));
		cluster.addCsr(SimulatedCsrs.issued(SimulatedCsrs.kubeletClient(csrName(HEALTHY, 2), HEALTHY, requested), ca,
				now.plus(Duration.ofDays(300))));
		cluster.node(HEALTHY).ready().servingCertificate(serving).configz(true, true).apply();
	}

	/**
	 * The classic kubelet.crt: self-signed by the kubelet at first start a year ago (a leaf and its
	 * own CA, as client-go generates them), never rotated because serverTLSBootstrap is off. The API
	 * server does not verify it by default, so the node stays Ready and the proxy works.
	 */
	private static void expiredServing(SimulatedCluster cluster, Instant now) {
		Instant generated = now.minus(Duration.ofDays(368));
		Instant expired = now.minus(Duration.ofDays(3));
		long stamp = generated.getEpochSecond();
		IssuedCertificate selfCa = CertificateFactory.certificateAuthority(EXPIRED_SERVING + "-ca@" + stamp, generated,
				expired);
		IssuedCertificate leaf = CertificateFactory.leaf(EXPIRED_SERVING + "@" + stamp, List.of(),
				Spec.serving(List.of(EXPIRED_SERVING), List.of()), selfCa, generated, expired);
		cluster.node(EXPIRED_SERVING)
			.ready()
			.servingCertificate(leaf, selfCa.certificate())
			.configz(true, false)
			.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(210)), null, 0, 0))
			.apply();
	}

	/**
	 * serverTLSBootstrap on, nothing approves kubelet-serving CSRs: a new one every 15 minutes and
	 * no certificate to serve, so every handshake (the API server's included) is aborted. The node
	 * is Ready because its client certificate is fine; its logs are only readable on the node.
	 */
	private static void pendingServingCsr(SimulatedCluster cluster, Instant now) {
		String node = PENDING_SERVING_CSR;
		for (int minutes : new int[] { 35, 20, 5 }) {
			cluster.addCsr(SimulatedCsrs.kubeletServing(csrName(node, minutes), node, NODE_IP,
					now.minus(Duration.ofMinutes(minutes))));
		}
		String servingLogger = "logger=\"" + SimulatedCsrs.SERVING_SIGNER + "/UnhandledError\"";
		List<String> lines = new ArrayList<>();
		lines.add(KubeletJournal.line(now.minus(Duration.ofMinutes(36)), node, 'I', "certificate_manager.go:356",
				"\"Rotating certificates\" logger=\"" + SimulatedCsrs.SERVING_SIGNER + "\""));
		for (int minutes : new int[] { 20, 5 }) {
			Instant at = now.minus(Duration.ofMinutes(minutes));
			lines.add(KubeletJournal.line(at.minusSeconds(40), node, 'I', "log.go:245",
					"http: TLS handshake error from 127.0.0.1:" + (48000 + minutes)
							+ ": no serving certificate available for the kubelet"));
			lines.add(KubeletJournal.line(at, node, 'E', "certificate_manager.go:596",
					"\"Certificate request was not signed\" err=\"timed out waiting for the condition\" "
							+ servingLogger));
		}
		cluster.node(node)
			.ready()
			.noServingCertificate()
			.configz(true, true)
			.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(240)),
					Double.POSITIVE_INFINITY, 0, 9))
			.logs(lines.toArray(String[]::new))
			.apply();
	}

	/**
	 * The client certificate expired two hours ago: the kubelet can no longer authenticate, so it
	 * stops renewing its Lease and posting status, and exits every five minutes under systemd. In
	 * between restarts it still serves its (valid) serving certificate, so the proxy works.
	 */
	private static void clientExpired(SimulatedCluster cluster, Instant now) {
		String node = CLIENT_EXPIRED;
		IssuedCertificate ca = cluster.clusterCa();
		Instant expired = now.minus(Duration.ofHours(2));
		cluster.addCsr(SimulatedCsrs.issued(
				SimulatedCsrs.kubeletClient(csrName(node, 1), node, expired.minus(Duration.ofDays(300))), ca, expired));
		IssuedCertificate serving = servingCertificate(node, ca, now.minus(Duration.ofDays(100)),
				now.plus(Duration.ofDays(200)));
		List<String> lines = new ArrayList<>();
		for (int minutes : new int[] { 11, 6 }) {
			Instant started = now.minus(Duration.ofMinutes(minutes));
			lines.add(KubeletJournal.line(started, node, 'I', "server.go:1257", "\"Started kubelet\""));
			lines.add(KubeletJournal.line(started.plusSeconds(2), node, 'I', "certificate_manager.go:356",
					"\"Current certificate is expired\" " + CLIENT_LOGGER));
			lines.add(KubeletJournal.line(started.plus(Duration.ofMinutes(5)), node, 'E', "transport.go:123",
					"\"No valid client certificate is found and the server is responsive, exiting.\" "
							+ "lastCertificateAvailabilityTime=\"" + expired + "\" shutdownThreshold=\"5m0s\""));
		}
		cluster.node(node)
			.statusUnknown(Duration.ofHours(2))
			.servingCertificate(serving)
			.configz(true, true)
			.metrics(KubeletMetricsText.certificateMetrics(Double.POSITIVE_INFINITY,
					KubeletMetricsText.ttl(Duration.ofDays(200)), 23, 0))
			.logs(lines.toArray(String[]::new))
			.apply();
	}

	/** The kubelet stopped 30 minutes ago; its certificates, renewed shortly before, are all valid. */
	private static void kubeletDown(SimulatedCluster cluster, Instant now) {
		String node = KUBELET_DOWN;
		IssuedCertificate ca = cluster.clusterCa();
		Instant requested = now.minus(Duration.ofMinutes(55));
		cluster.addCsr(SimulatedCsrs.issued(SimulatedCsrs.kubeletClient(csrName(node, 1), node, requested), ca,
				now.plus(Duration.ofDays(300))));
		cluster.addCsr(SimulatedCsrs.issued(SimulatedCsrs.kubeletServing(csrName(node, 2), node, NODE_IP, requested),
				ca, now.plus(Duration.ofDays(300))));
		cluster.node(node)
			.statusUnknown(Duration.ofMinutes(30))
			.kubeletDown()
			.event("NodeNotReady", "Normal", "Node " + node + " status is now: NodeNotReady",
					Duration.ofMinutes(29), 1)
			.apply();
	}

	/**
	 * Client rotation started 40 minutes ago: the CSRs are auto-approved but nothing signs them
	 * since the signer stopped, so the kubelet (1.31, whose log wording differs) times out every
	 * 15 minutes while its certificate runs out in two days.
	 */
	private static void csrNotIssued(SimulatedCluster cluster, Instant now) {
		String node = CSR_NOT_ISSUED;
		List<String> lines = new ArrayList<>();
		lines.add(KubeletJournal.line(now.minus(Duration.ofMinutes(40)), node, 'I', "certificate_manager.go:356",
				SimulatedCsrs.CLIENT_SIGNER + ": Rotating certificates"));
		for (int minutes : new int[] { 40, 25, 10 }) {
			Instant requested = now.minus(Duration.ofMinutes(minutes));
			String name = csrName(node, minutes);
			cluster.addCsr(SimulatedCsrs.approved(SimulatedCsrs.kubeletClient(name, node, requested)));
			if (minutes < 40) {
				lines.add(KubeletJournal.line(requested.minusSeconds(3), node, 'E', "certificate_manager.go:562",
						"\"Unhandled Error\" err=\"" + SimulatedCsrs.CLIENT_SIGNER
								+ ": certificate request was not signed: timed out waiting for the condition\" "
								+ "logger=\"UnhandledError\""));
			}
			lines.add(KubeletJournal.line(requested.plusSeconds(1), node, 'I', "csr.go:261",
					"certificate signing request " + name + " is approved, waiting to be issued"));
		}
		IssuedCertificate serving = servingCertificate(node, cluster.clusterCa(), now.minus(Duration.ofDays(115)),
				now.plus(Duration.ofDays(250)));
		cluster.node(node)
			.kubeletVersion("v1.31.4")
			.ready()
			.servingCertificate(serving)
			.configz(true, true)
			.metrics(KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(2)),
					KubeletMetricsText.ttl(Duration.ofDays(250)), 2, 0))
			.logs(lines.toArray(String[]::new))
			.apply();
	}

	private static IssuedCertificate servingCertificate(String node, IssuedCertificate ca, Instant notBefore,
			Instant notAfter) {
		return CertificateFactory.leaf("system:node:" + node, List.of("system:nodes"),
				Spec.serving(List.of(node), NODE_IP), ca, notBefore, notAfter);
	}



	/** Rotation CSRs are named by generateName {@code csr-}; stable suffixes keep the demo reproducible. */
	private static String csrName(String node, int seed) {
		return "csr-" + KubeletAnswers.suffix(node + "#" + seed);
	}

}
