package io.kubeletdoctor.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesClusterAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KubernetesClusterAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void bindsTheConfiguredClustersAndTheInteractiveDefaults() {
		this.contextRunner
			.withPropertyValues("kubelet-doctor.clusters.prod.kubeconfig=/etc/kubelet-doctor/prod.yaml",
					"kubelet-doctor.clusters.prod.context=admin@prod",
					"kubelet-doctor.clusters.staging.kubeconfig=/etc/kubelet-doctor/staging.yaml")
			.run((context) -> {
				ClusterProperties properties = context.getBean(ClusterProperties.class);
				assertThat(properties.clusters()).containsOnlyKeys("prod", "staging");
				assertThat(properties.clusters().get("prod").context()).isEqualTo("admin@prod");
				assertThat(properties.clusters().get("staging").context()).isNull();
				assertThat(properties.apiClient().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.apiClient().connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.apiClient().maxRetries()).isEqualTo(2);
				assertThat(properties.kubeletTls().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.kubeletTls().readTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(context.getBean(ClusterRegistry.class).clusterNames()).containsExactly("prod", "staging");
			});
	}

	@Test
	void theRateLimitDefaultsToTenPerSecondWithABurstOfTwenty() {
		this.contextRunner.withPropertyValues("kubelet-doctor.clusters.prod.kubeconfig=/etc/kubelet-doctor/prod.yaml")
			.run((context) -> assertThat(context.getBean(KubernetesClusterRegistry.class).rateLimit("prod"))
				.isEqualTo(new RateLimit(10, 20, Duration.ofSeconds(10))));
	}

	@Test
	void aClusterMayOverrideTheDefaultRateLimit() {
		this.contextRunner
			.withPropertyValues("kubelet-doctor.api-client.rate-limit.requests-per-second=5",
					"kubelet-doctor.api-client.rate-limit.burst=8", "kubelet-doctor.api-client.rate-limit.max-wait=3s",
					"kubelet-doctor.clusters.prod.kubeconfig=/etc/kubelet-doctor/prod.yaml",
					"kubelet-doctor.clusters.prod.rate-limit.requests-per-second=50",
					"kubelet-doctor.clusters.staging.kubeconfig=/etc/kubelet-doctor/staging.yaml",
					"kubelet-doctor.clusters.staging.rate-limit.burst=2")
			.run((context) -> {
				KubernetesClusterRegistry registry = context.getBean(KubernetesClusterRegistry.class);
				assertThat(registry.rateLimit("prod")).isEqualTo(new RateLimit(50, 8, Duration.ofSeconds(3)));
				assertThat(registry.rateLimit("staging")).isEqualTo(new RateLimit(5, 2, Duration.ofSeconds(3)));
			});
	}

	@Test
	void anImpossibleRateLimitStopsTheStart() {
		this.contextRunner.withPropertyValues("kubelet-doctor.api-client.rate-limit.burst=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("burst must be at least 1"));
	}

	@Test
	void withoutConfigurationTheRegistryHasTheDefaultCluster() {
		this.contextRunner.withPropertyValues("kubelet-doctor.api-client.request-timeout=7s").run((context) -> {
			assertThat(context).hasSingleBean(KubernetesClusterRegistry.class);
			assertThat(context.getBean(ClusterRegistry.class).clusterNames()).containsExactly("default");
			assertThat(context.getBean(ClusterProperties.class).apiClient().requestTimeout())
				.isEqualTo(Duration.ofSeconds(7));
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnRegistry() {
		this.contextRunner.withUserConfiguration(OwnRegistry.class).run((context) -> {
			assertThat(context).hasSingleBean(ClusterRegistry.class);
			assertThat(context).doesNotHaveBean(KubernetesClusterRegistry.class);
			assertThat(context.getBean(ClusterRegistry.class).clusterNames()).containsExactly("own");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistry {

		@Bean
		ClusterRegistry ownRegistry() {
			return new ClusterRegistry() {

				@Override
				public Set<String> clusterNames() {
					return Set.of("own");
				}

				@Override
				public Optional<String> resolve(Map<String, String> labels) {
					return Optional.of("own");
				}

				@Override
				public ClusterReader reader(String clusterName) {
					throw new UnsupportedOperationException();
				}

			};
		}

	}

}
