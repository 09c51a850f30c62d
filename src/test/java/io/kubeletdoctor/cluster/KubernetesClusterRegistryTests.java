package io.kubeletdoctor.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.cluster.ClusterProperties.ApiClient;
import io.kubeletdoctor.cluster.ClusterProperties.ClusterSettings;
import io.kubeletdoctor.cluster.ClusterProperties.KubeletTls;
import io.kubeletdoctor.demo.FakeKubelet;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KubernetesClusterRegistryTests {

	private static final ApiClient API_CLIENT = new ApiClient(Duration.ofSeconds(5), Duration.ofSeconds(3), 2);

	private static final KubeletTls KUBELET_TLS = new KubeletTls(Duration.ofSeconds(2), Duration.ofSeconds(3));

	@TempDir
	Path directory;

	@Test
	void withoutConfiguredClustersThereIsOneNamedDefault() {
		try (KubernetesClusterRegistry registry = registry(Map.of())) {
			assertThat(registry.clusterNames()).containsExactly("default");
			assertThat(registry.resolve(Map.of("cluster", "anything"))).contains("default");
		}
	}

	@Test
	void aSingleConfiguredClusterTakesEveryAlert() {
		try (KubernetesClusterRegistry registry = registry(Map.of("prod", new ClusterSettings(null, null)))) {
			assertThat(registry.resolve(Map.of())).contains("prod");
			assertThat(registry.resolve(Map.of("cluster", "staging"))).contains("prod");
		}
	}

	@Test
	void withSeveralClustersTheClusterLabelDecides() {
		Map<String, ClusterSettings> clusters = new LinkedHashMap<>();
		clusters.put("prod", new ClusterSettings(null, null));
		clusters.put("staging", new ClusterSettings(null, null));
		try (KubernetesClusterRegistry registry = registry(clusters)) {
			assertThat(registry.clusterNames()).containsExactly("prod", "staging");
			assertThat(registry.resolve(Map.of("cluster", "staging", "node", "worker-1"))).contains("staging");
			assertThat(registry.resolve(Map.of("cluster", "dev"))).isEmpty();
			assertThat(registry.resolve(Map.of("node", "worker-1"))).isEmpty();
		}
	}

	@Test
	void clientsAreCreatedOnFirstUseAndReused() throws IOException {
		try (SimulatedCluster cluster = SimulatedCluster.start(Clock.systemUTC())) {
			cluster.node("worker-1").apply();
			Path kubeconfig = kubeconfig(cluster.apiServerUrl(), "simulated");
			try (KubernetesClusterRegistry registry = registry(
					Map.of("prod", new ClusterSettings(kubeconfig.toString(), "simulated")))) {
				assertThat(registry.openClients()).isZero();

				ClusterReader reader = registry.reader("prod");

				assertThat(reader.clusterName()).isEqualTo("prod");
				assertThat(reader.nodes()).extracting((node) -> node.getMetadata().getName()).containsExactly("worker-1");
				assertThat(registry.reader("prod")).isSameAs(reader);
				assertThat(registry.openClients()).isOne();
			}
		}
	}

	@Test
	void aMissingKubeconfigFailsOnUseNotAtStartUp() {
		Path missing = this.directory.resolve("missing.yaml");
		try (KubernetesClusterRegistry registry = registry(
				Map.of("prod", new ClusterSettings(missing.toString(), null)))) {
			assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> registry.reader("prod"))
				.satisfies((ex) -> {
					assertThat(ex.status()).isZero();
					assertThat(ex.getMessage()).contains("cluster 'prod'", missing.toString());
				});
		}
	}

	@Test
	void apiClientSettingsApplyToTheClients() throws IOException {
		try (FakeKubelet silent = FakeKubelet.hanging()) {
			Path kubeconfig = kubeconfig("http://127.0.0.1:" + silent.port() + "/", "silent");
			ClusterProperties properties = new ClusterProperties(
					Map.of("silent", new ClusterSettings(kubeconfig.toString(), null)),
					new ApiClient(Duration.ofMillis(300), Duration.ofMillis(300), 0), KUBELET_TLS);
			try (KubernetesClusterRegistry registry = new KubernetesClusterRegistry(properties, new SimpleMeterRegistry())) {
				long start = System.nanoTime();
				assertThatExceptionOfType(ClusterAccessException.class)
					.isThrownBy(() -> registry.reader("silent").nodes())
					.satisfies((ex) -> assertThat(ex.status()).isZero());
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			}
		}
	}

	@Test
	void unknownClustersAndClosedRegistriesAreRefused() {
		KubernetesClusterRegistry registry = registry(Map.of("prod", new ClusterSettings(null, null)));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> registry.reader("staging"))
			.withMessageContaining("staging");

		registry.close();

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> registry.reader("prod"));
	}

	@Test
	void theReadersOfAClusterKeepToItsRateLimit() throws IOException {
		try (SimulatedCluster cluster = SimulatedCluster.start(Clock.systemUTC())) {
			cluster.node("worker-1").apply();
			Path kubeconfig = kubeconfig(cluster.apiServerUrl(), "simulated");
			ClusterSettings oneRequestAtATime = new ClusterSettings(kubeconfig.toString(), "simulated",
					new ClusterProperties.ClusterRateLimit(0.1, 1));
			ApiClient noWaiting = new ApiClient(Duration.ofSeconds(5), Duration.ofSeconds(3), 2,
					new ClusterProperties.RateLimitSettings(10, 20, Duration.ZERO));
			try (KubernetesClusterRegistry registry = new KubernetesClusterRegistry(
					new ClusterProperties(Map.of("prod", oneRequestAtATime), noWaiting, KUBELET_TLS),
					new SimpleMeterRegistry())) {
				ClusterReader reader = registry.reader("prod");

				assertThat(reader.node("worker-1")).isPresent();
				assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> reader.node("worker-1"))
					.satisfies((ex) -> {
						assertThat(ex.status()).isZero();
						assertThat(ex.getMessage()).contains("client-side rate limit wait exceeded");
					});
			}
		}
	}

	@Test
	void fixedRegistryResolvesLikeTheConfiguredOne() {
		try (SimulatedCluster cluster = SimulatedCluster.start(Clock.systemUTC())) {
			FixedClusterRegistry single = new FixedClusterRegistry(List.of(cluster.reader("demo")));
			FixedClusterRegistry two = new FixedClusterRegistry(
					List.of(cluster.reader("east"), cluster.reader("west")));

			assertThat(single.resolve(Map.of("cluster", "other"))).contains("demo");
			assertThat(single.reader("demo").clusterName()).isEqualTo("demo");
			assertThat(two.resolve(Map.of("cluster", "west"))).contains("west");
			assertThat(two.resolve(Map.of())).isEmpty();
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> two.reader("north"));
		}
	}

	private KubernetesClusterRegistry registry(Map<String, ClusterSettings> clusters) {
		return new KubernetesClusterRegistry(new ClusterProperties(clusters, API_CLIENT, KUBELET_TLS),
				new SimpleMeterRegistry());
	}

	private Path kubeconfig(String server, String context) throws IOException {
		Path file = this.directory.resolve(context + ".yaml");
		Files.writeString(file, """
				apiVersion: v1
				kind: Config
				clusters:
				- name: %1$s
				  cluster:
				    server: %2$s
				contexts:
				- name: %1$s
				  context:
				    cluster: %1$s
				    user: %1$s
				current-context: %1$s
				users:
				- name: %1$s
				  user:
				    token: not-a-secret
				""".formatted(context, server));
		return file;
	}

}
