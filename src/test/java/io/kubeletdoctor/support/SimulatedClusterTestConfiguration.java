package io.kubeletdoctor.support;

import java.time.Clock;
import java.util.List;

import io.kubeletdoctor.cluster.ClusterRegistry;
import io.kubeletdoctor.cluster.FixedClusterRegistry;
import io.kubeletdoctor.demo.SimulatedCluster;

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

	@Bean
	ClusterRegistry clusterRegistry(SimulatedCluster cluster) {
		return new FixedClusterRegistry(List.of(cluster.reader(CLUSTER)));
	}

}
