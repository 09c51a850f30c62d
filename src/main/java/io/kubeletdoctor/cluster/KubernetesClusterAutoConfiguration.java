package io.kubeletdoctor.cluster;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The real clusters from {@code kubelet-doctor.clusters}. An auto-configuration rather than a
 * plain configuration so that it runs after the application's own beans: the demo profile and
 * tests that define a {@link ClusterRegistry} replace it.
 */
@AutoConfiguration
@EnableConfigurationProperties(ClusterProperties.class)
public class KubernetesClusterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ClusterRegistry.class)
	KubernetesClusterRegistry clusterRegistry(ClusterProperties properties, MeterRegistry meterRegistry) {
		return new KubernetesClusterRegistry(properties, meterRegistry);
	}

}
