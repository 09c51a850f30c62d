package io.kubeletdoctor.scenario.field;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedControlPlane;
import io.kubeletdoctor.demo.SimulatedCsrs;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.IssuedCertificate;
import io.kubeletdoctor.scenario.KubeletLog;
import io.kubeletdoctor.scenario.NodeCertificates;

/**
 * Evidence that points the wrong way: kubelet certificates from signers whose CA kube-root-ca.crt
 * does not carry (by design, not a mismatch), a Failed kubelet-serving CSR that belongs to a
 * workload, a kubelet that will not start for a certificate reason nobody can see from outside, and
 * a kubelet that is up but rejects every token because it cannot reach the API server as itself.
 */
final class MisleadingScenarios {

	private static final Duration TEN_YEARS = Duration.ofDays(3652);

	private MisleadingScenarios() {
	}

	static List<FieldScenario> all() {
		return List.of(servingSignerOwnCaShownByIssuedCsr(), servingSignerOwnCaUnconfirmed(), clientSignerOwnCa(),
				workloadCsrFailedOnServingSigner(), embeddedKubeconfigCertificateExpired(), kubeletRejectsEveryToken());
	}

	static FieldScenario servingSignerOwnCaShownByIssuedCsr() {
		String node = "agent-1";
		return FieldScenario.named("serving-signer-own-ca-issued-csr")
			.source("k3s-io/k3s#3244", "k3s-io/k3s#3599")
			.story("The controller-manager signs kubelet-serving CSRs with a CA of their own (per-signer flags);"
					+ " kube-root-ca.crt only carries the API server's CA. A 1.31 kubelet serves a certificate from the"
					+ " serving CA, and a serving CSR another node had issued 20 minutes ago shows that this is the CA"
					+ " the signer uses: no mismatch, the renew-error alert is stale")
			.seed((cluster) -> servingSignerOwnCa(cluster, node, true))
			.alert("KubeletServerCertificateRenewalErrors", "node", node, "severity", "warning")
			.expect(RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH)
			.build();
	}

	static FieldScenario servingSignerOwnCaUnconfirmed() {
		String node = "agent-1";
		return FieldScenario.named("serving-signer-own-ca-no-csr")
			.source("k3s-io/k3s#3244", "k3s-io/k3s#3599")
			.story("The same cluster with no serving CSR issued in the last hour: nothing shows which CA the"
					+ " kubelet-serving signer uses, so the certificate from a CA outside kube-root-ca.crt is not a"
					+ " fault, but whether it comes from the cluster's signer cannot be confirmed")
			.seed((cluster) -> servingSignerOwnCa(cluster, node, false))
			.alert("KubeletServerCertificateRenewalErrors", "node", node, "severity", "warning")
			.expect(RootCauseCode.NO_FAULT_FOUND, Confidence.MEDIUM)
			.build();
	}

	private static void servingSignerOwnCa(SimulatedCluster cluster, String node, boolean recentlyIssued) {
		Instant now = cluster.clock().instant();
		IssuedCertificate serverCa = CertificateFactory.certificateAuthority("rke2-server-ca@1733011200",
				now.minus(Duration.ofDays(500)), now.minus(Duration.ofDays(500)).plus(TEN_YEARS));
		IssuedCertificate servingCa = CertificateFactory.certificateAuthority("rke2-kubelet-serving-ca@1733011200",
				now.minus(Duration.ofDays(500)), now.minus(Duration.ofDays(500)).plus(TEN_YEARS));
		cluster.publishCaBundle(serverCa);
		SimulatedControlPlane.kubeadm(cluster);
		String version = "v1.31.6";
		FieldNodes.rotating(cluster, node, version, Duration.ofDays(250), Duration.ofDays(325), 0, 1)
			.servingCertificate(NodeCertificates.serving(node, servingCa,
					now.minus(Duration.ofDays(40)), now.plus(Duration.ofDays(325))))
			.apply();
		if (recentlyIssued) {
			IssuedCertificate other = FieldCsrs.issuedServing(cluster, "agent-2", 20, servingCa);
			FieldNodes.rotating(cluster, "agent-2", version, Duration.ofDays(250), Duration.ofDays(364), 0, 0)
				.servingCertificate(other)
				.apply();
		}
	}

	static FieldScenario clientSignerOwnCa() {
		String node = "agent-3";
		return FieldScenario.named("client-signer-own-ca")
			.source("k3s-io/k3s#3244")
			.story("Client certificates come from a client CA that kube-root-ca.crt does not carry, as k3s and RKE2"
					+ " set it up; a 1.32 kubelet renewed 30 minutes ago from that CA, the TTL gauge and the Lease"
					+ " agree, and the expiry alert that fired before the renewal is stale")
			.seed((cluster) -> {
				Instant now = cluster.clock().instant();
				IssuedCertificate clientCa = CertificateFactory.certificateAuthority("rke2-client-ca@1733011200",
						now.minus(Duration.ofDays(500)), now.minus(Duration.ofDays(500)).plus(TEN_YEARS));
				SimulatedControlPlane.kubeadm(cluster);
				CertificateSigningRequest renewal = FieldCsrs.issuedClient(cluster, node, 30, clientCa);
				String version = "v1.32.5";
				FieldJournal journal = FieldJournal.of(node, version);
				HealedNodeScenarios.renewed(cluster, journal, KubeletLog.CLIENT_SIGNER,
						renewal.getMetadata().getName(), 30);
				FieldNodes.rotating(cluster, node, version,
						HealedNodeScenarios.until(cluster, FieldCsrs.clientNotAfter(cluster, 30)), Duration.ofDays(260),
						0, 0)
					.logs(journal.lines())
					.apply();
			})
			.alert("KubeletClientCertificateExpiration", "node", node, "severity", "warning")
			.expect(RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH)
			.build();
	}

	static FieldScenario workloadCsrFailedOnServingSigner() {
		String node = "worker-vault-1";
		return FieldScenario.named("workload-csr-failed-on-serving-signer")
			.source("kubernetes/website#24405", "kubernetes/kubernetes#99504")
			.story("A Vault install asked the kubelet-serving signer for its TLS certificate; the CSR, requested by"
					+ " system:admin for my-svc.my-namespace, was approved and Failed (subject common name does not"
					+ " begin with system:node:). Meanwhile the node's serving-expiry alert fired and the 1.30 kubelet"
					+ " renewed 8 minutes later: the Failed CSR is not the node's")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				cluster.addCsr(SimulatedCsrs.failed(workloadCsr(cluster.clock().instant().minus(Duration.ofMinutes(25))),
						"subject common name does not begin with system:node:"));
				IssuedCertificate served = FieldCsrs.issuedServing(cluster, node, 8, cluster.clusterCa());
				String version = "v1.30.9";
				FieldJournal journal = FieldJournal.of(node, version);
				HealedNodeScenarios.renewed(cluster, journal, KubeletLog.SERVING_SIGNER,
						FieldCsrs.name(node, SimulatedCsrs.SERVING_SIGNER, 8), 8);
				FieldNodes.rotating(cluster, node, version, Duration.ofDays(200),
						HealedNodeScenarios.until(cluster, served.certificate().getNotAfter().toInstant()), 0, 0)
					.servingCertificate(served)
					.logs(journal.lines())
					.apply();
			})
			.alert("KubeletServerCertificateExpiration", "node", node, "severity", "warning")
			.expect(RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH)
			.build();
	}

	private static CertificateSigningRequest workloadCsr(Instant created) {
		String pem = CertificateFactory.certificationRequestPem("my-svc.my-namespace.svc.cluster.local", List.of(),
				List.of("my-svc.my-namespace.svc.cluster.local", "my-svc.my-namespace.svc"), List.of(),
				CertificateFactory.ecKey());
		return new CertificateSigningRequestBuilder().withNewMetadata()
			.withName("my-svc.my-namespace")
			.withCreationTimestamp(created.truncatedTo(ChronoUnit.SECONDS).toString())
			.endMetadata()
			.withNewSpec()
			.withRequest(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)))
			.withSignerName(SimulatedCsrs.SERVING_SIGNER)
			.withUsages("digital signature", "key encipherment", "server auth")
			.withUsername("system:admin")
			.withGroups("system:masters", "system:authenticated")
			.endSpec()
			.build();
	}

	static FieldScenario embeddedKubeconfigCertificateExpired() {
		String node = "old-master-1";
		return FieldScenario.named("embedded-kubeconfig-certificate-expired")
			.source("kubernetes/kubernetes#71825", "kubernetes/kubernetes#99645")
			.story("kubelet.conf of a node upgraded since 1.10 still embeds its first client certificate, which just"
					+ " expired; the 1.24 kubelet was restarted and exits at start (\"part of the existing bootstrap"
					+ " client certificate is expired\") although a valid rotated certificate sits in the pki"
					+ " directory. From outside: port refused, Lease stale, nothing to read; only the node's journal"
					+ " tells, so the verdict must name what it could not check")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				cluster.node(node).kubeletVersion("v1.24.17").statusUnknown(Duration.ofHours(2)).kubeletDown().apply();
			})
			.alert("KubeNodeNotReady", "node", node, "condition", "Ready", "status", "true")
			.expect(RootCauseCode.KUBELET_NOT_RUNNING, Confidence.MEDIUM)
			.build();
	}

	static FieldScenario kubeletRejectsEveryToken() {
		String node = "worker-65991";
		return FieldScenario.named("kubelet-up-rejects-every-token")
			.source("kubernetes/kubernetes#65991", "kubernetes/kubeadm#2660")
			.story("A 1.29 kubelet's client certificate expired: it still runs and serves a valid certificate, but it"
					+ " authenticates callers by TokenReview through the API server, which it can no longer reach as"
					+ " itself, so /metrics, /configz and /logs answer 401. The Lease is 6 hours stale. Only symptoms"
					+ " are left, and they point at the client certificate")
			.seed((cluster) -> {
				SimulatedControlPlane.kubeadm(cluster);
				NodeCertificates.silentWithExpiredClient(cluster, node, "v1.29.14", Duration.ofHours(6))
					.metricsStatus(401)
					.configzBody(401, "Unauthorized\n")
					.logsBody(401, "text/plain; charset=utf-8", "Unauthorized\n")
					.apply();
			})
			.alert("KubeNodeUnreachable", "node", node, "key", "node.kubernetes.io/unreachable", "effect", "NoSchedule")
			.expect(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.LOW)
			.build();
	}

}
