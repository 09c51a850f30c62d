package io.kubeletdoctor.demo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.KubeletEndpoint;
import io.kubeletdoctor.cluster.KubeletResponse;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.Certificates;
import io.kubeletdoctor.pki.IssuedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SimulatedClusterTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private SimulatedCluster cluster;

	private ClusterReader reader;

	@BeforeEach
	void start() {
		this.cluster = SimulatedCluster.start(Clock.fixed(NOW, ZoneOffset.UTC));
		this.reader = this.cluster.reader("test");
	}

	@AfterEach
	void stop() {
		this.cluster.close();
	}

	@Test
	void publishesTheClusterCaAsKubeRootCaInKubeSystemAndDefault() {
		IssuedCertificate ca = this.cluster.clusterCa();
		assertThat(ca.info().certificateAuthority()).isTrue();
		assertThat(Duration.between(ca.info().notBefore(), ca.info().notAfter())).isGreaterThan(Duration.ofDays(3650));
		for (String namespace : new String[] { "kube-system", "default" }) {
			ConfigMap configMap = this.reader.configMap(namespace, "kube-root-ca.crt").orElseThrow();
			assertThat(Certificates.describePem(configMap.getData().get("ca.crt")))
				.singleElement()
				.satisfies((info) -> assertThat(info.serialNumber()).isEqualTo(ca.info().serialNumber()));
		}
	}

	@Test
	void publishCaBundleReplacesTheBundle() {
		IssuedCertificate next = CertificateFactory.certificateAuthority("kubernetes-next", NOW,
				NOW.plus(Duration.ofDays(3650)));
		this.cluster.publishCaBundle(this.cluster.clusterCa(), next);
		String bundle = this.reader.configMap("kube-system", "kube-root-ca.crt").orElseThrow().getData().get("ca.crt");
		assertThat(Certificates.describePem(bundle)).extracting((info) -> info.commonName())
			.containsExactly("kubernetes", "kubernetes-next");
	}

	@Test
	void appliedNodePublishesItsKubeletPortWithACapitalPAndAFreshLease() throws Exception {
		SimulatedNode node = this.cluster.node("worker-1").apply();

		HttpResponse<String> raw = this.cluster.client()
			.getHttpClient()
			.sendAsync(this.cluster.client()
				.getHttpClient()
				.newHttpRequestBuilder()
				.uri(this.cluster.apiServerUrl() + "api/v1/nodes/worker-1")
				.build(), String.class)
			.get(5, TimeUnit.SECONDS);
		assertThat(raw.body()).contains("\"kubeletEndpoint\":{\"Port\":" + node.kubeletPort() + "}");

		Node stored = this.reader.node("worker-1").orElseThrow();
		assertThat(stored.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.33.2");
		assertThat(stored.getStatus().getAddresses()).anySatisfy((address) -> {
			assertThat(address.getType()).isEqualTo("InternalIP");
			assertThat(address.getAddress()).isEqualTo("127.0.0.1");
		});
		NodeCondition ready = readyCondition(stored);
		assertThat(ready.getStatus()).isEqualTo("True");
		assertThat(ready.getReason()).isEqualTo("KubeletReady");
		assertThat(Instant.parse(ready.getLastHeartbeatTime())).isEqualTo(NOW.minusSeconds(5));
		assertThat(stored.getSpec().getTaints()).isEmpty();

		Lease lease = this.reader.lease("kube-node-lease", "worker-1").orElseThrow();
		assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("worker-1");
		assertThat(lease.getSpec().getRenewTime().toInstant()).isEqualTo(NOW.minusSeconds(5));
	}

	@Test
	void silentNodeIsUnknownWithStaleHeartbeatLeaseAndUnreachableTaints() {
		this.cluster.node("worker-2").statusUnknown(Duration.ofHours(2)).apply();

		Node stored = this.reader.node("worker-2").orElseThrow();
		assertThat(stored.getStatus().getConditions()).hasSize(4).allSatisfy((condition) -> {
			assertThat(condition.getStatus()).isEqualTo("Unknown");
			assertThat(condition.getReason()).isEqualTo("NodeStatusUnknown");
			assertThat(condition.getMessage()).isEqualTo("Kubelet stopped posting node status.");
		});
		assertThat(Instant.parse(readyCondition(stored).getLastHeartbeatTime())).isEqualTo(NOW.minus(Duration.ofHours(2)));
		assertThat(stored.getSpec().getTaints()).extracting((taint) -> taint.getKey() + ":" + taint.getEffect())
			.containsExactlyInAnyOrder("node.kubernetes.io/unreachable:NoSchedule",
					"node.kubernetes.io/unreachable:NoExecute");
		Lease lease = this.reader.lease("kube-node-lease", "worker-2").orElseThrow();
		assertThat(lease.getSpec().getRenewTime().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(2)));
	}

	@Test
	void noLeaseAndExplicitLeaseAge() {
		this.cluster.node("no-lease").noLease().apply();
		this.cluster.node("old-lease").leaseAge(Duration.ofMinutes(7)).apply();

		assertThat(this.reader.lease("kube-node-lease", "no-lease")).isEmpty();
		assertThat(this.reader.lease("kube-node-lease", "old-lease").orElseThrow().getSpec().getRenewTime().toInstant())
			.isEqualTo(NOW.minus(Duration.ofMinutes(7)));
	}

	@Test
	void proxyAnswersConfigzWithFalseFieldsOmitted() {
		this.cluster.node("rotating").apply();
		this.cluster.node("self-signed").configz(true, false).apply();

		KubeletResponse rotating = kubelet("rotating", "configz");
		assertThat(rotating.status()).isEqualTo(200);
		assertThat(rotating.contentType()).startsWith("application/json");
		assertThat(rotating.body()).startsWith("{\"kubeletconfig\":{")
			.contains("\"rotateCertificates\":true", "\"serverTLSBootstrap\":true");
		KubeletResponse selfSigned = kubelet("self-signed", "configz");
		assertThat(selfSigned.body()).contains("\"rotateCertificates\":true", "/var/lib/kubelet/pki/kubelet.crt")
			.doesNotContain("serverTLSBootstrap");
	}

	@Test
	void defaultMetricsCarryBothCertificateTtlsAndNoRenewErrors() {
		this.cluster.node("worker-1").apply();

		KubeletResponse metrics = kubelet("worker-1", "metrics");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("kubelet_certificate_manager_client_ttl_seconds 2.592e+07",
				"kubelet_certificate_manager_client_expiration_renew_errors 0", "kubelet_server_expiration_renew_errors 0")
			.containsPattern("kubelet_certificate_manager_server_ttl_seconds 2\\.59\\d*e\\+07");
	}

	@Test
	void logsAnswerTheQueryAndHonourPatternAndTailLines() {
		this.cluster.node("worker-1").logs("line one certificate", "line two", "line three certificate").apply();

		assertThat(kubelet("worker-1", "logs/?query=kubelet").body())
			.isEqualTo("line one certificate\nline two\nline three certificate\n");
		assertThat(kubelet("worker-1", "logs/?query=kubelet&pattern=certificate&tailLines=1").body())
			.isEqualTo("line three certificate\n");
		KubeletResponse listing = kubelet("worker-1", "logs/");
		assertThat(listing.contentType()).startsWith("text/html");
		assertThat(listing.body()).contains("<a href=\"journal/\">journal/</a>");
	}

	@Test
	void configuredBodiesAndStatusesPassThrough() {
		this.cluster.node("worker-1")
			.configzBody(200, "{\"kubeletconfig\":{}}")
			.metricsStatus(403)
			.logsBody(200, "text/html; charset=utf-8", "<pre>\n</pre>\n")
			.apply();

		assertThat(kubelet("worker-1", "configz").body()).isEqualTo("{\"kubeletconfig\":{}}");
		assertThat(kubelet("worker-1", "metrics").status()).isEqualTo(403);
		assertThat(kubelet("worker-1", "logs/?query=kubelet").body()).isEqualTo("<pre>\n</pre>\n");
		assertThat(kubelet("worker-1", "pods").status()).as("nodes/pods is not granted").isEqualTo(403);
	}

	@Test
	void proxyToUnreachableKubeletsAnswers503LikeARealApiServerWhereNodesProxyIsGranted() {
		SimulatedNode down = this.cluster.node("down").kubeletDown().apply();
		this.cluster.node("no-cert").noServingCertificate().apply();
		this.cluster.node("hanging").kubeletHanging().apply();

		this.cluster.grantNodeProxy();
		KubeletResponse refused = this.reader.kubelet("down", null, "configz");
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.body()).contains("ServiceUnavailable",
				"error trying to reach service: dial tcp 127.0.0.1:" + down.kubeletPort() + ": connect: connection refused");
		assertThat(this.reader.kubelet("no-cert", null, "logs/?query=kubelet").body())
			.contains("remote error: tls: internal error");
		assertThat(this.reader.kubelet("hanging", null, "metrics").body()).contains("TLS handshake timeout");
		assertThat(this.reader.kubelet("missing", null, "metrics").status()).isEqualTo(404);
	}

	@Test
	void kubeletEndpointsMatchTheirDescription() {
		SimulatedNode serving = this.cluster.node("serving").apply();
		SimulatedNode down = this.cluster.node("down").kubeletDown().apply();

		assertThat(this.reader.handshake("127.0.0.1", serving.kubeletPort()).chain()).singleElement()
			.satisfies((certificate) -> assertThat(certificate.getSubjectX500Principal().getName())
				.contains("CN=system:node:serving"));
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", down.kubeletPort()), 1000);
			}
		});
	}

	@Test
	void reapplyingReplacesTheKubeletAndTheNode() {
		SimulatedNode node = this.cluster.node("worker-1").apply();
		int firstPort = node.kubeletPort();

		this.cluster.node("worker-1").notReady("KubeletNotReady", "PLEG is not healthy").apply();

		assertThat(node.kubeletPort()).isNotEqualTo(firstPort);
		Node stored = this.reader.node("worker-1").orElseThrow();
		assertThat(stored.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort()).isEqualTo(node.kubeletPort());
		assertThat(readyCondition(stored).getStatus()).isEqualTo("False");
		assertThat(readyCondition(stored).getMessage()).isEqualTo("PLEG is not healthy");
		assertThat(stored.getSpec().getTaints()).extracting((taint) -> taint.getKey())
			.containsOnly("node.kubernetes.io/not-ready");
	}

	@Test
	void failRequestsAnswersAStatusAndTheLastRuleWins() {
		this.cluster.node("worker-1").apply();
		this.cluster.failRequests("/api/v1/nodes", 500);
		this.cluster.failRequests("/api/v1/nodes/worker-1$", 403);

		assertThatExceptionOfType(KubernetesClientException.class)
			.isThrownBy(() -> this.cluster.client().nodes().withName("worker-1").get())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(403);
				assertThat(ex.getStatus().getReason()).isEqualTo("Forbidden");
				assertThat(ex.getStatus().getMessage()).isEqualTo("nodes \"worker-1\" is forbidden: User "
						+ "\"system:serviceaccount:kubelet-doctor:kubelet-doctor\" cannot get resource \"nodes\" "
						+ "in API group \"\" at the cluster scope");
			});
		assertThatExceptionOfType(KubernetesClientException.class)
			.isThrownBy(() -> this.cluster.client().nodes().list())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(500));

		this.cluster.clearFailures();
		assertThat(this.cluster.client().nodes().list().getItems()).hasSize(1);
	}

	@Test
	void forbiddenMessagesNameNamespaceGroupAndSubresource() {
		this.cluster.failRequests("kube-node-lease", 403);
		this.cluster.failRequests("proxy", 403);
		this.cluster.node("worker-1").noLease().apply();

		assertThatExceptionOfType(KubernetesClientException.class)
			.isThrownBy(() -> this.cluster.client().leases().inNamespace("kube-node-lease").withName("worker-1").get())
			.satisfies((ex) -> assertThat(ex.getStatus().getMessage()).isEqualTo("leases.coordination.k8s.io "
					+ "\"worker-1\" is forbidden: User \"system:serviceaccount:kubelet-doctor:kubelet-doctor\" cannot "
					+ "get resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"kube-node-lease\""));
		this.cluster.grantNodeProxy();
		assertThat(this.reader.kubelet("worker-1", null, "configz").body())
			.contains("cannot get resource \\\"nodes/proxy\\\" in API group \\\"\\\" at the cluster scope");
	}

	@Test
	void recordsEveryRequestInOrder() {
		this.cluster.node("worker-1").apply();
		this.cluster.clearRequests();

		this.reader.node("worker-1");
		this.reader.certificateSigningRequests();
		kubelet("worker-1", "logs/?query=kubelet");

		assertThat(this.cluster.requests()).containsExactly("GET /api/v1/nodes/worker-1",
				"GET /apis/certificates.k8s.io/v1/certificatesigningrequests?limit=500", "GET /api/v1/nodes/worker-1",
				"GET /api/v1/namespaces/kube-system/configmaps/kube-root-ca.crt");
		assertThat(this.cluster.kubeletRequests()).containsExactly(
				new KubeletRequest("worker-1", "GET", "/logs/?query=kubelet", "nodes/log", 200));
	}

	@Test
	void storedCsrsKeepTheirAge() {
		this.cluster.addCsr(SimulatedCsrs.kubeletServing("csr-abcde", "worker-1", List.of("127.0.0.1"),
				NOW.minus(Duration.ofMinutes(35))));

		CertificateSigningRequest stored = this.reader.certificateSigningRequests().get(0);
		assertThat(Instant.parse(stored.getMetadata().getCreationTimestamp())).isEqualTo(NOW.minus(Duration.ofMinutes(35)));
		assertThat(stored.getMetadata().getUid()).isNotEmpty();
	}

	@Test
	void eventsAreFilteredByInvolvedObject() {
		this.cluster.node("worker-1").event("NodeNotReady", "Normal", "Node worker-1 status is now: NodeNotReady",
				Duration.ofMinutes(10), 1).apply();
		this.cluster.node("worker-2").event("Rebooted", "Warning", "Node worker-2 has been rebooted",
				Duration.ofMinutes(3), 1).apply();

		assertThat(this.cluster.client()
			.v1()
			.events()
			.inAnyNamespace()
			.withField("involvedObject.name", "worker-2")
			.list()
			.getItems()).singleElement().satisfies((event) -> {
				assertThat(event.getReason()).isEqualTo("Rebooted");
				assertThat(event.getSource().getComponent()).isEqualTo("kubelet");
				assertThat(Instant.parse(event.getLastTimestamp())).isEqualTo(NOW.minus(Duration.ofMinutes(3)));
			});
		assertThat(this.cluster.client().v1().events().inAnyNamespace().list().getItems()).hasSize(2);
	}

	@Test
	void subjectAccessReviewsFollowThePolicyAndAreNotStored() {
		this.cluster.accessReviews((spec) -> "system:nodes".equals(spec.getGroups().get(0)));
		SubjectAccessReview asNode = new SubjectAccessReviewBuilder().withNewSpec()
			.withUser("system:node:worker-1")
			.withGroups("system:nodes")
			.withNewResourceAttributes()
			.withVerb("create")
			.withGroup("certificates.k8s.io")
			.withResource("certificatesigningrequests")
			.withSubresource("selfnodeclient")
			.endResourceAttributes()
			.endSpec()
			.build();
		SubjectAccessReview asSomeoneElse = new SubjectAccessReviewBuilder(asNode).editSpec()
			.withGroups("system:authenticated")
			.endSpec()
			.build();

		assertThat(this.reader.review(asNode).getStatus().getAllowed()).isTrue();
		assertThat(this.reader.review(asSomeoneElse).getStatus().getAllowed()).isFalse();
	}

	@Test
	void closeStopsTheKubelets() {
		SimulatedNode node = this.cluster.node("worker-1").apply();
		int port = node.kubeletPort();

		this.cluster.close();

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			}
		});
		this.cluster = SimulatedCluster.start(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static NodeCondition readyCondition(Node node) {
		return node.getStatus()
			.getConditions()
			.stream()
			.filter((condition) -> condition.getType().equals("Ready"))
			.findFirst()
			.orElseThrow();
	}


	/** A kubelet read at the address and port of the Node object, as the steps make it. */
	private KubeletResponse kubelet(String nodeName, String path) {
		Node node = this.reader.node(nodeName).orElseThrow();
		return this.reader.kubelet(nodeName, KubeletEndpoint.of(node.getStatus()).orElseThrow(), path);
	}

}
