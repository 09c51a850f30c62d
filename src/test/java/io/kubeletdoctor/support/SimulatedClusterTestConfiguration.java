package io.kubeletdoctor.support;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.cluster.ApiThrottle;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.ClusterRegistry;
import io.kubeletdoctor.cluster.FixedClusterRegistry;
import io.kubeletdoctor.cluster.RateLimit;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Points the application at a simulated cluster (fabric8 mock server in CRUD mode plus fake kubelet
 * TLS endpoints) named {@value #CLUSTER}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SimulatedClusterTestConfiguration {

	public static final String CLUSTER = "test";

	@Bean(destroyMethod = "close")
	SimulatedCluster simulatedCluster(Clock clock) {
		return SimulatedCluster.start(clock);
	}

	/** At the default rate limit, counting its requests in the application's registry as a real reader does. */
	@Bean
	ClusterRegistry clusterRegistry(SimulatedCluster cluster, MeterRegistry meterRegistry) {
		return registry(cluster, meterRegistry);
	}

	/**
	 * {@value #CLUSTER} at the default rate limit, counted in {@code meterRegistry}, and the same
	 * cluster under each of {@code alsoNamed} with readers of their own.
	 */
	public static ClusterRegistry registry(SimulatedCluster cluster, MeterRegistry meterRegistry, String... alsoNamed) {
		ApiThrottle throttle = ApiThrottle.forClient(RateLimit.DEFAULT, cluster.client().getConfiguration(),
				meterRegistry);
		List<ClusterReader> readers = new ArrayList<>(List.of(cluster.reader(CLUSTER, throttle)));
		for (String name : alsoNamed) {
			readers.add(cluster.reader(name));
		}
		return new FixedClusterRegistry(readers);
	}

}
