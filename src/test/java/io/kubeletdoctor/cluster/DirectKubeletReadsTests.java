package io.kubeletdoctor.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubeletdoctor.demo.KubeletRequest;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.CertificateFactory.Spec;
import io.kubeletdoctor.pki.IssuedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Kubelet reads go straight to the kubelet with the service-account token, and only to a kubelet
 * whose serving certificate verifies against the kubelet CA and names the Node's address; the
 * node proxy is used only where nodes/proxy was granted. What the simulated kubelets received is
 * the proof that a token was, or was not, sent.
 */
class DirectKubeletReadsTests {

	private SimulatedCluster cluster;

	private ClusterReader reader;

	private Instant now;

	@BeforeEach
	void start() {
		this.cluster = SimulatedCluster.start(Clock.systemUTC());
		this.reader = this.cluster.reader("prod");
		this.now = Instant.now();
	}

	@AfterEach
	void stop() {
		this.cluster.close();
	}

	@Test
	void aVerifiedKubeletIsReadDirectlyWithTheTokenThroughItsOwnAuthorizer() {
		KubeletEndpoint kubelet = endpoint(this.cluster.node("worker-1").apply().kubeletPort());
		this.cluster.clearRequests();

		KubeletResponse configz = this.reader.kubelet("worker-1", kubelet, "configz");
		KubeletResponse metrics = this.reader.kubelet("worker-1", kubelet, "metrics");
		KubeletResponse logs = this.reader.kubelet("worker-1", kubelet, "logs/?query=kubelet");

		assertThat(List.of(configz, metrics, logs)).allSatisfy((response) -> {
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.transport()).isEqualTo(KubeletTransport.DIRECT);
			assertThat(response.route()).isEqualTo("direct to 127.0.0.1:" + kubelet.port()
					+ ", serving certificate verified against ca.crt of ConfigMap kube-system/kube-root-ca.crt");
		});
		assertThat(configz.body()).contains("\"rotateCertificates\":true");
		assertThat(this.cluster.kubeletRequests()).extracting(KubeletRequest::permission, KubeletRequest::status)
			.containsExactly(tuple("nodes/configz", 200), tuple("nodes/metrics", 200), tuple("nodes/log", 200));
		assertThat(this.cluster.requests()).as("the API server only served the CA bundle, once")
			.containsExactly("GET /api/v1/namespaces/kube-system/configmaps/kube-root-ca.crt");
	}

	@Test
	void aSelfSignedKubeletNeverReceivesTheToken() {
		KubeletEndpoint kubelet = selfSignedKubelet();
		this.cluster.clearRequests();

		assertThatExceptionOfType(KubeletAccessRefusedException.class)
			.isThrownBy(() -> this.reader.kubelet("worker-1", kubelet, "metrics"))
			.withMessageStartingWith("not read: the serving certificate of 127.0.0.1:" + kubelet.port()
					+ " does not verify (")
			.withMessageContaining("against ca.crt of ConfigMap kube-system/kube-root-ca.crt, so the service-account "
					+ "token was not sent")
			.withMessageContaining("nodes/proxy is not granted");
		assertThat(this.cluster.kubeletRequests()).as("no HTTP request reached the kubelet").isEmpty();
		assertThat(this.cluster.requests()).noneMatch((request) -> request.contains("/proxy/"));
	}

	@Test
	void aCertificateOfTheClusterCaForAnotherAddressOrExpiredIsNotTrustedEither() {
		KubeletEndpoint otherAddress = endpoint(this.cluster.node("moved")
			.servingCertificate(serving("system:node:moved", this.cluster.clusterCa(), List.of("10.0.0.9"),
					Duration.ofDays(100)))
			.apply()
			.kubeletPort());
		KubeletEndpoint expired = endpoint(this.cluster.node("expired")
			.servingCertificate(serving("system:node:expired", this.cluster.clusterCa(), List.of("127.0.0.1"),
					Duration.ofDays(-1)))
			.apply()
			.kubeletPort());

		assertThatExceptionOfType(KubeletAccessRefusedException.class)
			.isThrownBy(() -> this.reader.kubelet("moved", otherAddress, "configz"))
			.withMessageContaining("does not verify");
		assertThatExceptionOfType(KubeletAccessRefusedException.class)
			.isThrownBy(() -> this.reader.kubelet("expired", expired, "configz"))
			.withMessageContaining("does not verify");
		assertThat(this.cluster.kubeletRequests()).isEmpty();
	}

	@Test
	void theNodeProxyIsTheFallbackOnlyWhereItIsGranted() {
		KubeletEndpoint kubelet = selfSignedKubelet();
		this.cluster.grantNodeProxy();
		this.cluster.clearRequests();

		KubeletResponse configz = this.reader.kubelet("worker-1", kubelet, "configz");

		assertThat(configz.ok()).isTrue();
		assertThat(configz.transport()).isEqualTo(KubeletTransport.NODE_PROXY);
		assertThat(configz.route()).startsWith("through the API server's node proxy because the serving certificate of "
				+ "127.0.0.1:" + kubelet.port() + " does not verify")
			.endsWith("nodes/proxy is granted (SelfSubjectAccessReview)");
		assertThat(this.cluster.requests()).contains("POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
				"GET /api/v1/nodes/worker-1/proxy/configz");
		assertThat(this.cluster.kubeletRequests()).isEmpty();
	}

	@Test
	void theKubeletAnswers401ToAnotherTokenAnd403ForASubresourceNotGranted() {
		int port = this.cluster.node("worker-1").apply().kubeletPort();
		this.cluster.node("old").kubeletVersion("v1.31.4").apply();
		this.cluster.grantKubeletAccess("nodes/metrics", "nodes/configz");
		try (KubernetesClient stranger = new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder(this.cluster.client().getConfiguration()).withOauthToken("another-token")
				.build())
			.build()) {
			ClusterReader strangerReader = new Fabric8ClusterReader("prod", stranger, new KubeletTlsInspector());
			assertThat(strangerReader.kubelet("worker-1", endpoint(port), "metrics").status()).isEqualTo(401);
		}

		assertThat(this.reader.kubelet("worker-1", endpoint(port), "metrics").status()).isEqualTo(200);
		KubeletResponse logs = this.reader.kubelet("worker-1", endpoint(port), "logs/?query=kubelet");
		assertThat(logs.status()).isEqualTo(403);
		assertThat(logs.body()).contains("subresource(s)=[log]");
		assertThat(this.reader.kubelet("old", endpoint(this.cluster.node("old").kubeletPort()), "configz").status())
			.as("before 1.33 the kubelet authorizes /configz as nodes/proxy")
			.isEqualTo(403);
	}

	@Test
	void aConfiguredKubeletCaReplacesTheClusterCa(@TempDir Path directory) throws Exception {
		IssuedCertificate servingCa = CertificateFactory.certificateAuthority("kubelet-serving-ca",
				this.now.minus(Duration.ofDays(10)), this.now.plus(Duration.ofDays(3000)));
		KubeletEndpoint kubelet = endpoint(this.cluster.node("worker-1")
			.servingCertificate(serving("system:node:worker-1", servingCa, List.of("127.0.0.1"), Duration.ofDays(100)))
			.apply()
			.kubeletPort());
		Path caFile = directory.resolve("kubelet-ca.pem");
		Files.writeString(caFile, servingCa.certificatePem());
		ClusterReader configured = new Fabric8ClusterReader("prod", this.cluster.client(), new KubeletTlsInspector(),
				ApiThrottle.forClient(RateLimit.DEFAULT, this.cluster.client().getConfiguration()),
				KubeletApiSettings.DEFAULT.withCaFile(caFile.toString()), Clock.systemUTC());

		assertThatExceptionOfType(KubeletAccessRefusedException.class)
			.isThrownBy(() -> this.reader.kubelet("worker-1", kubelet, "configz"));
		KubeletResponse configz = configured.kubelet("worker-1", kubelet, "configz");
		assertThat(configz.ok()).isTrue();
		assertThat(configz.route()).endsWith("verified against the configured kubelet CA file " + caFile);
	}

	/** worker-1 serving a certificate of its own CA, as kubeadm's kubelet.crt without serverTLSBootstrap. */
	private KubeletEndpoint selfSignedKubelet() {
		IssuedCertificate selfCa = CertificateFactory.certificateAuthority("worker-1-ca@1700000000",
				this.now.minus(Duration.ofDays(10)), this.now.plus(Duration.ofDays(355)));
		return endpoint(this.cluster.node("worker-1")
			.servingCertificate(serving("worker-1@1700000000", selfCa, List.of("127.0.0.1"), Duration.ofDays(355)),
					selfCa.certificate())
			.apply()
			.kubeletPort());
	}

	private IssuedCertificate serving(String commonName, IssuedCertificate ca, List<String> ips, Duration remaining) {
		return CertificateFactory.leaf(commonName, List.of("system:nodes"), Spec.serving(List.of("worker-1"), ips), ca,
				this.now.minus(Duration.ofDays(30)), this.now.plus(remaining));
	}

	private static KubeletEndpoint endpoint(int port) {
		return new KubeletEndpoint("127.0.0.1", port);
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

}
