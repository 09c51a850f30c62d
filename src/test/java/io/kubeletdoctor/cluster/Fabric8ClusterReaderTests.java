package io.kubeletdoctor.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.demo.FakeKubelet;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedCsrs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Fabric8ClusterReaderTests {

	private SimulatedCluster cluster;

	private ClusterReader reader;

	@BeforeEach
	void start() {
		this.cluster = SimulatedCluster.start(Clock.systemUTC());
		this.reader = new Fabric8ClusterReader("prod", this.cluster.client(), new KubeletTlsInspector());
	}

	@AfterEach
	void stop() {
		this.cluster.close();
	}

	@Test
	void readsNodesLeasesCsrsAndConfigMaps() {
		this.cluster.node("worker-1").apply();
		this.cluster.node("worker-2").statusUnknown(Duration.ofMinutes(30)).apply();
		this.cluster.addCsr(SimulatedCsrs.kubeletClient("csr-aaaaa", "worker-1", Duration.ofMinutes(5)));
		this.cluster.addCsr(SimulatedCsrs.kubeletServing("csr-bbbbb", "worker-2", List.of("127.0.0.1"),
				Duration.ofMinutes(5)));

		assertThat(this.reader.clusterName()).isEqualTo("prod");
		assertThat(this.reader.nodes()).extracting((node) -> node.getMetadata().getName())
			.containsExactlyInAnyOrder("worker-1", "worker-2");
		assertThat(this.reader.node("worker-2")).hasValueSatisfying(
				(node) -> assertThat(node.getStatus().getConditions()).anyMatch((c) -> c.getStatus().equals("Unknown")));
		assertThat(this.reader.lease("kube-node-lease", "worker-1")).isPresent();
		assertThat(this.reader.certificateSigningRequests()).extracting((csr) -> csr.getSpec().getSignerName())
			.containsExactlyInAnyOrder(SimulatedCsrs.CLIENT_SIGNER, SimulatedCsrs.SERVING_SIGNER);
		assertThat(this.reader.configMap("kube-system", "kube-root-ca.crt"))
			.hasValueSatisfying((configMap) -> assertThat(configMap.getData()).containsKey("ca.crt"));
	}

	@Test
	void missingObjectsAreEmptyNotErrors() {
		assertThat(this.reader.node("ghost")).isEmpty();
		assertThat(this.reader.lease("kube-node-lease", "ghost")).isEmpty();
		assertThat(this.reader.configMap("kube-system", "ghost")).isEmpty();
	}

	@Test
	void invalidNodeNamesNeverReachARequest() {
		this.cluster.clearRequests();
		for (String name : List.of("../namespaces/kube-system/secrets/x", "worker-1/proxy/../../x", "Worker-1", "")) {
			assertThatIllegalArgumentException().isThrownBy(() -> this.reader.node(name));
			assertThatIllegalArgumentException().isThrownBy(() -> this.reader.nodeEvents(name));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> this.reader.kubelet(name, new KubeletEndpoint("127.0.0.1", 10250), "configz"));
		}
		assertThat(this.cluster.requests()).isEmpty();
	}

	@Test
	void notFoundAnswersOfGetsAreEmptyToo() {
		this.cluster.node("worker-1").apply();
		this.cluster.failRequests("/api/v1/nodes/worker-1$", 404);

		assertThat(this.reader.node("worker-1")).isEmpty();
	}

	@Test
	void forbiddenNamesTheCallAndTheMissingPermission() {
		this.cluster.failRequests("certificatesigningrequests", 403);

		assertThatExceptionOfType(ClusterAccessException.class)
			.isThrownBy(() -> this.reader.certificateSigningRequests())
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(403);
				assertThat(ex.forbidden()).isTrue();
				assertThat(ex.getMessage()).isEqualTo("forbidden: list certificatesigningrequests.certificates.k8s.io "
						+ "(grant list on certificatesigningrequests)");
			});
	}

	@Test
	void forbiddenGetOfANamespacedObjectNamesTheNamespace() {
		this.cluster.failRequests("/namespaces/kube-system/configmaps", 403);

		assertThatExceptionOfType(ClusterAccessException.class)
			.isThrownBy(() -> this.reader.configMap("kube-system", "kube-root-ca.crt"))
			.withMessage("forbidden: get configmaps kube-root-ca.crt in namespace kube-system "
					+ "(grant get on configmaps in namespace kube-system)");
	}

	@Test
	void serverErrorsCarryTheStatusAndTheServerMessage() {
		this.cluster.failRequests("/api/v1/nodes", 500);

		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> this.reader.nodes())
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(500);
				assertThat(ex.getMessage()).startsWith("list nodes failed with HTTP 500: Internal error occurred");
			});
		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> this.reader.node("worker-1"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(500));
	}

	@Test
	void nodeEventsAreOnlyThoseOfTheNodeAndAskForAFieldSelector() {
		seedEventsOfTwoNodesAndAPod();

		assertThat(this.reader.nodeEvents("worker-1")).singleElement()
			.satisfies((event) -> assertThat(event.getReason()).isEqualTo("NodeNotReady"));
		assertThat(this.cluster.requests()).singleElement()
			.asString()
			.startsWith("GET /api/v1/events?fieldSelector=")
			.contains("involvedObject.kind%3DNode", "involvedObject.name%3Dworker-1");
	}

	@Test
	void everyNodesEventsComeFromOneList() {
		seedEventsOfTwoNodesAndAPod();

		assertThat(this.reader.nodeEvents()).extracting((event) -> event.getInvolvedObject().getName() + " "
				+ event.getReason()).containsExactlyInAnyOrder("worker-1 NodeNotReady", "worker-2 Rebooted");
		assertThat(this.cluster.requests()).singleElement()
			.asString()
			.startsWith("GET /api/v1/events?fieldSelector=involvedObject.kind%3DNode");
	}

	@Test
	void leasesOfANamespaceComeFromOneList() {
		this.cluster.node("worker-1").apply();
		this.cluster.node("worker-2").apply();
		this.cluster.clearRequests();

		assertThat(this.reader.leases("kube-node-lease")).extracting((lease) -> lease.getMetadata().getName())
			.containsExactlyInAnyOrder("worker-1", "worker-2");
		assertThat(this.reader.leases("kube-system")).isEmpty();
		assertThat(this.cluster.requests()).containsExactly(
				"GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases?limit=500",
				"GET /apis/coordination.k8s.io/v1/namespaces/kube-system/leases?limit=500");
	}

	@Test
	void aClusterRoleBindingIsReadByName() {
		this.cluster.client()
			.resource(new ClusterRoleBindingBuilder().withNewMetadata()
				.withName("kubeadm:kubelet-bootstrap")
				.endMetadata()
				.withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "system:node-bootstrapper")
				.build())
			.create();
		this.cluster.clearRequests();

		assertThat(this.reader.clusterRoleBinding("kubeadm:kubelet-bootstrap")).isPresent();
		assertThat(this.reader.clusterRoleBinding("kubeadm:node-autoapprove-bootstrap")).isEmpty();
		assertThat(this.cluster.requests()).allMatch(
				(request) -> request.startsWith("GET /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:"));
	}

	@Test
	void nodeProxyReturnsTheAnswerWhateverItsStatus() {
		this.cluster.grantNodeProxy();
		this.cluster.node("up").apply();
		this.cluster.node("down").kubeletDown().apply();

		KubeletResponse configz = this.reader.kubelet("up", null, "/configz");
		assertThat(configz.ok()).isTrue();
		assertThat(configz.transport()).isEqualTo(KubeletTransport.NODE_PROXY);
		assertThat(configz.contentType()).startsWith("application/json");
		KubeletResponse unreachable = this.reader.kubelet("down", null, "metrics");
		assertThat(unreachable.status()).isEqualTo(503);
		assertThat(unreachable.body()).contains("connection refused");
	}

	@Test
	void nodeProxyAnswersAreNotRetried() {
		this.cluster.grantNodeProxy();
		this.cluster.node("down").kubeletDown().apply();
		this.cluster.clearRequests();

		this.reader.kubelet("down", null, "metrics");

		assertThat(this.cluster.requests()).filteredOn((request) -> request.contains("/proxy/"))
			.containsExactly("GET /api/v1/nodes/down/proxy/metrics");
	}

	@Test
	void kubeletReadsRefuseNamesThatAreNotNodeNamesAndPathsThatLeaveTheKubelet() {
		this.cluster.clearRequests();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.reader.kubelet("../namespaces", null, "configz"));
		for (String path : List.of("../api/v1/secrets", "configz/../../x", "//evil.example/metrics",
				"metrics\r\nHost: x", "https://evil.example/")) {
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> this.reader.kubelet("worker-1", new KubeletEndpoint("127.0.0.1", 10250), path));
		}
		assertThat(this.cluster.requests()).isEmpty();
		assertThat(this.cluster.kubeletRequests()).isEmpty();
	}

	@Test
	void handshakeDelegatesToTheInspector() {
		int port = this.cluster.node("no-cert").noServingCertificate().apply().kubeletPort();

		KubeletHandshake handshake = this.reader.handshake("127.0.0.1", port);

		assertThat(handshake.reachability()).isEqualTo(Reachability.HANDSHAKE_FAILED);
	}

	@Test
	void anApiServerThatDoesNotAnswerIsATimeoutWithStatusZero() {
		try (FakeKubelet silent = FakeKubelet.hanging();
				KubernetesClient client = clientFor("http://127.0.0.1:" + silent.port() + "/")) {
			ClusterReader silentReader = new Fabric8ClusterReader("silent", client, new KubeletTlsInspector());

			assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> silentReader.nodes())
				.satisfies((ex) -> {
					assertThat(ex.status()).isZero();
					assertThat(ex.getMessage()).startsWith("list nodes timed out");
				});
			assertThatExceptionOfType(KubeletAccessRefusedException.class)
				.isThrownBy(() -> silentReader.kubelet("worker-1", null, "configz"))
				.withMessageContaining("the Node reports no address or kubelet port")
				.withMessageContaining("SelfSubjectAccessReview failed (create selfsubjectaccessreviews");
		}
	}

	@Test
	void anApiServerThatRefusesConnectionsIsUnreachableWithStatusZero() {
		try (FakeKubelet down = FakeKubelet.down();
				KubernetesClient client = clientFor("http://127.0.0.1:" + down.port() + "/")) {
			ClusterReader downReader = new Fabric8ClusterReader("down", client, new KubeletTlsInspector());

			assertThatExceptionOfType(ClusterAccessException.class)
				.isThrownBy(() -> downReader.configMap("kube-system", "kube-root-ca.crt"))
				.satisfies((ex) -> {
					assertThat(ex.status()).isZero();
					assertThat(ex.getMessage()).startsWith(
							"get configmaps kube-root-ca.crt in namespace kube-system failed: cannot reach the API server");
				});
		}
	}

	private static KubernetesClient clientFor(String url) {
		Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url)
			.withRequestTimeout(300)
			.withConnectionTimeout(300)
			.withRequestRetryBackoffLimit(0)
			.build();
		return new KubernetesClientBuilder().withConfig(config).build();
	}

	/** An event on worker-1, one on worker-2, and one on a pod that happens to be named worker-1. */
	private void seedEventsOfTwoNodesAndAPod() {
		this.cluster.node("worker-1")
			.event("NodeNotReady", "Normal", "Node worker-1 status is now: NodeNotReady", Duration.ofMinutes(4), 1)
			.apply();
		this.cluster.node("worker-2").event("Rebooted", "Warning", "Node worker-2 has been rebooted",
				Duration.ofMinutes(2), 1).apply();
		this.cluster.client()
			.v1()
			.events()
			.inNamespace("default")
			.resource(new EventBuilder().withNewMetadata()
				.withName("pod-on-worker-1.1")
				.endMetadata()
				.withNewInvolvedObject()
				.withKind("Pod")
				.withName("worker-1")
				.endInvolvedObject()
				.withReason("Scheduled")
				.build())
			.create();
		this.cluster.clearRequests();
	}

}
