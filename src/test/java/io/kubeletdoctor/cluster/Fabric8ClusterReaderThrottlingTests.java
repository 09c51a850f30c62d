package io.kubeletdoctor.cluster;

import java.time.Clock;
import java.time.Duration;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubeletdoctor.demo.SimulatedCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The reader against a simulated API server that throttles: its 429 answers carry
 * {@code Retry-After: 1}, as the API server's priority-and-fairness filter sends. The throttle's
 * clock is fake, so the waits are recorded rather than slept.
 */
class Fabric8ClusterReaderThrottlingTests {

	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final FakeTime time = new FakeTime();

	private SimulatedCluster cluster;

	private KubernetesClient client;

	private ApiThrottle throttle;

	private ClusterReader reader;

	@BeforeEach
	void start() {
		this.cluster = SimulatedCluster.start(Clock.systemUTC());
		this.cluster.node("worker-1").apply();
		this.throttle = this.time.throttle(new RateLimit(100, 100), 2);
		this.client = this.throttle
			.install(new KubernetesClientBuilder().withConfig(this.cluster.client().getConfiguration()))
			.build();
		this.reader = new Fabric8ClusterReader("prod", this.client, new KubeletTlsInspector(), this.throttle);
		this.cluster.clearRequests();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.cluster.close();
	}

	@Test
	void aThrottledReadIsRetriedAfterRetryAfter() {
		this.cluster.failRequests("/api/v1/nodes/worker-1$", 429, 1);

		assertThat(this.reader.node("worker-1")).isPresent();

		assertThat(this.cluster.requests()).containsExactly("GET /api/v1/nodes/worker-1", "GET /api/v1/nodes/worker-1");
		assertThat(this.time.slept()).isEqualTo(RETRY_AFTER);
	}

	@Test
	void aPersistentlyThrottledReadGivesUpAfterTheConfiguredRetries() {
		this.cluster.failRequests("certificatesigningrequests", 429);

		assertThatExceptionOfType(ClusterAccessException.class)
			.isThrownBy(() -> this.reader.certificateSigningRequests())
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(429);
				assertThat(ex.getMessage())
					.startsWith("throttled: list certificatesigningrequests.certificates.k8s.io (the API server "
							+ "asked to slow down");
			});
		assertThat(this.cluster.requests()).hasSize(3);
		assertThat(this.time.slept()).isEqualTo(RETRY_AFTER.multipliedBy(2));
	}

	@Test
	void theServersPauseHoldsTheReadsThatFollow() {
		ApiThrottle noRetries = this.time.throttle(new RateLimit(100, 100), 0);
		try (KubernetesClient other = noRetries
			.install(new KubernetesClientBuilder().withConfig(this.cluster.client().getConfiguration()))
			.build()) {
			ClusterReader impatient = new Fabric8ClusterReader("prod", other, new KubeletTlsInspector(), noRetries);
			this.cluster.failRequests("/leases/worker-1$", 429, 1);

			assertThatExceptionOfType(ClusterAccessException.class)
				.isThrownBy(() -> impatient.lease("kube-node-lease", "worker-1"))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(429));
			assertThat(this.time.sleeps()).isEmpty();

			assertThat(impatient.node("worker-1")).isPresent();
			assertThat(this.time.sleeps()).containsExactly(RETRY_AFTER);
		}
	}

	@Test
	void fabric8DoesNotRetryOnItsOwnSoEveryAttemptIsCountedAndLimited() {
		this.cluster.failRequests("/api/v1/nodes/worker-1$", 503);

		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> this.reader.node("worker-1"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
		assertThat(this.cluster.requests()).hasSize(3);
		assertThat(this.throttle.stats().requests()).isEqualTo(3);
		assertThat(this.time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
	}

	@Test
	void aSubjectAccessReviewIsRetriedToo() {
		this.cluster.failRequests("subjectaccessreviews", 429, 1);

		SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
			.withUser("system:node:worker-1")
			.endSpec()
			.build();

		assertThat(this.reader.review(review).getStatus().getAllowed()).isTrue();
		assertThat(this.cluster.requests()).hasSize(2);
	}

	@Test
	void aThrottledNodeProxyReadIsRetriedAfterRetryAfter() {
		this.cluster.grantNodeProxy();
		this.cluster.failRequests("/proxy/configz", 429, 1);

		KubeletResponse configz = this.reader.kubelet("worker-1", null, "configz");

		assertThat(configz.ok()).isTrue();
		assertThat(this.cluster.requests()).filteredOn((request) -> request.contains("/proxy/")).containsExactly("GET /api/v1/nodes/worker-1/proxy/configz",
				"GET /api/v1/nodes/worker-1/proxy/configz");
		assertThat(this.time.slept()).isGreaterThanOrEqualTo(RETRY_AFTER);
	}

	@Test
	void aNodeProxyReadThrottledBeyondTheRetriesReturnsThe429() {
		this.cluster.grantNodeProxy();
		this.cluster.failRequests("/proxy/metrics", 429);

		KubeletResponse metrics = this.reader.kubelet("worker-1", null, "metrics");

		assertThat(metrics.status()).isEqualTo(429);
		assertThat(this.cluster.requests()).filteredOn((request) -> request.contains("/proxy/")).hasSize(3);
	}

	@Test
	void everyApiRequestTakesATokenAndDirectKubeletReadsDoNot() {
		KubeletEndpoint kubelet = new KubeletEndpoint("127.0.0.1", this.cluster.node("worker-1").kubeletPort());
		this.reader.node("worker-1");
		this.reader.lease("kube-node-lease", "worker-1");
		this.reader.handshake(kubelet.host(), kubelet.port());
		assertThat(this.reader.kubelet("worker-1", kubelet, "configz").transport()).isEqualTo(KubeletTransport.DIRECT);
		this.reader.kubelet("worker-1", kubelet, "metrics");

		assertThat(this.throttle.stats().requests())
			.as("node, lease and the kubelet CA once; neither the handshake nor the kubelet reads reach the API server")
			.isEqualTo(3);
		assertThat(this.cluster.requests()).hasSize(3).last().isEqualTo("GET /api/v1/namespaces/kube-system/configmaps/kube-root-ca.crt");
		assertThat(this.cluster.kubeletRequests()).hasSize(2);
	}

}
