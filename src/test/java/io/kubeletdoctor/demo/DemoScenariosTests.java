package io.kubeletdoctor.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.KubeletHandshake;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.KubeletAccessRefusedException;
import io.kubeletdoctor.cluster.KubeletEndpoint;
import io.kubeletdoctor.cluster.KubeletResponse;
import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateInfo;
import io.kubeletdoctor.pki.Certificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DemoScenariosTests {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static SimulatedCluster cluster;

	private static ClusterReader reader;

	@BeforeAll
	static void seed() {
		cluster = SimulatedCluster.start(Clock.fixed(NOW, ZoneOffset.UTC));
		DemoScenarios.seed(cluster);
		reader = cluster.reader("demo");
	}

	@AfterAll
	static void stop() {
		cluster.close();
	}

	@Test
	void everySeededNodeHasAnExpectedVerdictAndAnAlert() {
		assertThat(reader.nodes()).extracting((node) -> node.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(DemoScenarios.expectedVerdicts().keySet());
		assertThat(DemoScenarios.expectedVerdicts().values())
			.allSatisfy((code) -> assertThat(RootCauseCode.valueOf(code)).isNotNull())
			.contains("NO_FAULT_FOUND", "SERVING_CERT_EXPIRED", "SERVING_CSR_NOT_APPROVED", "CLIENT_CERT_EXPIRED",
					"KUBELET_NOT_RUNNING", "CSR_NOT_ISSUED");
		assertThat(DemoScenarios.alertNames()).containsOnlyKeys(DemoScenarios.expectedVerdicts().keySet());
	}

	@Test
	void healthyNodeServesTheCertificateItsIssuedCsrCarries() {
		KubeletHandshake handshake = handshake(DemoScenarios.HEALTHY);
		assertThat(handshake.reachability()).isEqualTo(Reachability.TLS_OK);
		CertificateInfo served = Certificates.describe(handshake.chain().get(0));
		assertThat(served.authorityKeyId()).isEqualTo(cluster.clusterCa().info().subjectKeyId());
		assertThat(served.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(300)));
		assertThat(ready(DemoScenarios.HEALTHY).getStatus()).isEqualTo("True");

		List<CertificateSigningRequest> csrs = csrsOf(DemoScenarios.HEALTHY);
		assertThat(csrs).hasSize(2).allSatisfy((csr) -> assertThat(csr.getStatus().getCertificate()).isNotEmpty());
		assertThat(csrs).filteredOn((csr) -> csr.getSpec().getSignerName().equals(SimulatedCsrs.SERVING_SIGNER))
			.singleElement()
			.satisfies((csr) -> assertThat(issued(csr).serialNumber()).isEqualTo(served.serialNumber()));
		assertThat(kubelet(DemoScenarios.HEALTHY, "metrics").body())
			.contains("kubelet_certificate_manager_client_ttl_seconds 2.592e+07");
	}

	@Test
	void expiredServingNodeServesTheSelfSignedKubeletCrtThatExpiredThreeDaysAgo() {
		KubeletHandshake handshake = handshake(DemoScenarios.EXPIRED_SERVING);

		assertThat(handshake.reachability()).isEqualTo(Reachability.TLS_OK);
		assertThat(handshake.chain()).hasSize(2);
		CertificateInfo leaf = Certificates.describe(handshake.chain().get(0));
		CertificateInfo selfCa = Certificates.describe(handshake.chain().get(1));
		assertThat(leaf.notAfter()).isEqualTo(NOW.minus(Duration.ofDays(3)));
		assertThat(leaf.commonName()).startsWith("worker-expired-serving@");
		assertThat(selfCa.commonName()).startsWith("worker-expired-serving-ca@");
		assertThat(leaf.authorityKeyId()).isEqualTo(selfCa.subjectKeyId())
			.isNotEqualTo(cluster.clusterCa().info().subjectKeyId());
		assertThatExceptionOfType(KubeletAccessRefusedException.class)
			.isThrownBy(() -> kubelet(DemoScenarios.EXPIRED_SERVING, "configz"))
			.withMessageContaining("does not verify");
		cluster.grantNodeProxy();
		try {
			ClusterReader withNodeProxy = cluster.reader("demo-with-node-proxy");
			assertThat(withNodeProxy.kubelet(DemoScenarios.EXPIRED_SERVING, null, "configz").body())
				.contains("\"rotateCertificates\":true")
				.doesNotContain("serverTLSBootstrap");
			assertThat(withNodeProxy.kubelet(DemoScenarios.EXPIRED_SERVING, null, "metrics").body())
				.doesNotContain("server_ttl");
		}
		finally {
			cluster.grantKubeletAccess("nodes/metrics", "nodes/log", "nodes/configz");
		}
		assertThat(ready(DemoScenarios.EXPIRED_SERVING).getStatus()).isEqualTo("True");
	}

	@Test
	void pendingServingCsrNodeAbortsHandshakesAndPilesUpPendingServingCsrs() {
		assertThat(handshake(DemoScenarios.PENDING_SERVING_CSR).reachability())
			.isEqualTo(Reachability.HANDSHAKE_FAILED);
		assertThat(csrsOf(DemoScenarios.PENDING_SERVING_CSR)).hasSize(3).allSatisfy((csr) -> {
			assertThat(csr.getSpec().getSignerName()).isEqualTo(SimulatedCsrs.SERVING_SIGNER);
			assertThat(csr.getStatus()).satisfiesAnyOf((status) -> assertThat(status).isNull(),
					(status) -> assertThat(status.getConditions()).isEmpty());
		})
			.extracting((csr) -> Duration.between(Instant.parse(csr.getMetadata().getCreationTimestamp()), NOW))
			.containsExactlyInAnyOrder(Duration.ofMinutes(5), Duration.ofMinutes(20), Duration.ofMinutes(35));
		assertThatExceptionOfType(ClusterAccessException.class)
			.isThrownBy(() -> kubelet(DemoScenarios.PENDING_SERVING_CSR, "logs/?query=kubelet"))
			.withMessageContaining("internal_error");
	}

	@Test
	void clientExpiredNodeIsSilentForTwoHoursWhileItsKubeletStillServes() {
		NodeCondition ready = ready(DemoScenarios.CLIENT_EXPIRED);
		assertThat(ready.getStatus()).isEqualTo("Unknown");
		assertThat(Instant.parse(ready.getLastHeartbeatTime())).isEqualTo(NOW.minus(Duration.ofHours(2)));
		assertThat(reader.lease("kube-node-lease", DemoScenarios.CLIENT_EXPIRED).orElseThrow().getSpec()
			.getRenewTime()
			.toInstant()).isEqualTo(NOW.minus(Duration.ofHours(2)));
		assertThat(handshake(DemoScenarios.CLIENT_EXPIRED).reachability()).isEqualTo(Reachability.TLS_OK);
		assertThat(kubelet(DemoScenarios.CLIENT_EXPIRED, "metrics").body())
			.contains("kubelet_certificate_manager_client_ttl_seconds +Inf");
		assertThat(kubelet(DemoScenarios.CLIENT_EXPIRED, "logs/?query=kubelet").body())
			.contains("No valid client certificate is found and the server is responsive, exiting.");
		assertThat(csrsOf(DemoScenarios.CLIENT_EXPIRED)).singleElement()
			.satisfies((csr) -> assertThat(issued(csr).notAfter()).isEqualTo(NOW.minus(Duration.ofHours(2))));
	}

	@Test
	void kubeletDownNodeRefusesItsPortWhileItsCertificatesAreValid() {
		assertThat(handshake(DemoScenarios.KUBELET_DOWN).reachability()).isEqualTo(Reachability.REFUSED);
		assertThat(ready(DemoScenarios.KUBELET_DOWN).getStatus()).isEqualTo("Unknown");
		assertThat(csrsOf(DemoScenarios.KUBELET_DOWN)).hasSize(2)
			.allSatisfy((csr) -> assertThat(issued(csr).notAfter()).isAfter(NOW.plus(Duration.ofDays(299))));
		assertThat(reader.nodeEvents(DemoScenarios.KUBELET_DOWN)).singleElement()
			.satisfies((event) -> assertThat(event.getReason()).isEqualTo("NodeNotReady"));
		assertThatExceptionOfType(ClusterAccessException.class)
			.isThrownBy(() -> kubelet(DemoScenarios.KUBELET_DOWN, "configz"))
			.withMessageContaining("direct read of 127.0.0.1:");
	}

	@Test
	void csrNotIssuedNodeHasApprovedClientCsrsWithoutCertificates() {
		assertThat(csrsOf(DemoScenarios.CSR_NOT_ISSUED)).hasSize(3).allSatisfy((csr) -> {
			assertThat(csr.getSpec().getSignerName()).isEqualTo(SimulatedCsrs.CLIENT_SIGNER);
			assertThat(csr.getStatus().getConditions()).singleElement()
				.satisfies((condition) -> assertThat(condition.getReason()).isEqualTo("AutoApproved"));
			assertThat(csr.getStatus().getCertificate()).isNull();
		})
			.extracting((csr) -> Duration.between(Instant.parse(csr.getMetadata().getCreationTimestamp()), NOW))
			.contains(Duration.ofMinutes(40), Duration.ofMinutes(25));
		assertThat(reader.node(DemoScenarios.CSR_NOT_ISSUED).orElseThrow().getStatus().getNodeInfo().getKubeletVersion())
			.isEqualTo("v1.31.4");
		assertThat(kubelet(DemoScenarios.CSR_NOT_ISSUED, "metrics").body())
			.contains("kubelet_certificate_manager_client_ttl_seconds 172800");
		assertThat(kubelet(DemoScenarios.CSR_NOT_ISSUED, "logs/?query=kubelet").body())
			.contains("certificate request was not signed: timed out waiting for the condition");
	}

	@Test
	void controlPlaneIsAliveAndKubeadmBindingsExist() {
		assertThat(reader.lease("kube-system", "kube-controller-manager").orElseThrow().getSpec().getRenewTime().toInstant())
			.isEqualTo(NOW.minusSeconds(2));
		assertThat(reader.clusterRoleBindings()).extracting((binding) -> binding.getMetadata().getName())
			.contains("kubeadm:node-autoapprove-certificate-rotation", "kubeadm:node-autoapprove-bootstrap");
		assertThat(reader.clusterRoles()).extracting((role) -> role.getMetadata().getName())
			.contains("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient");
	}

	/** A kubelet read at the address and port of the Node object, as the steps make it. */
	private static KubeletResponse kubelet(String nodeName, String path) {
		Node node = reader.node(nodeName).orElseThrow();
		return reader.kubelet(nodeName, KubeletEndpoint.of(node.getStatus()).orElseThrow(), path);
	}

	private static KubeletHandshake handshake(String nodeName) {
		Node node = reader.node(nodeName).orElseThrow();
		String address = node.getStatus().getAddresses().get(0).getAddress();
		return reader.handshake(address, node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort());
	}

	private static NodeCondition ready(String nodeName) {
		return reader.node(nodeName)
			.orElseThrow()
			.getStatus()
			.getConditions()
			.stream()
			.filter((condition) -> condition.getType().equals("Ready"))
			.findFirst()
			.orElseThrow();
	}

	private static List<CertificateSigningRequest> csrsOf(String nodeName) {
		return reader.certificateSigningRequests()
			.stream()
			.filter((csr) -> csr.getSpec().getUsername().equals("system:node:" + nodeName))
			.toList();
	}

	private static CertificateInfo issued(CertificateSigningRequest csr) {
		String pem = new String(Base64.getDecoder().decode(csr.getStatus().getCertificate()), StandardCharsets.US_ASCII);
		List<CertificateInfo> chain = Certificates.describePem(pem);
		return chain.get(0);
	}

}
