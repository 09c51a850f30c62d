package io.kubeletdoctor.demo;

import java.time.Clock;
import java.util.List;

import io.kubeletdoctor.cluster.ApiThrottle;
import io.kubeletdoctor.cluster.ClusterRegistry;
import io.kubeletdoctor.cluster.FixedClusterRegistry;
import io.kubeletdoctor.cluster.RateLimit;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code demo} profile: the service diagnoses a simulated cluster named {@code demo} seeded
 * with {@link DemoScenarios}, so it can be tried without a cluster and without leaving 127.0.0.1.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoClusterConfiguration {

	static final String CLUSTER_NAME = "demo";

	@Bean(destroyMethod = "close")
	SimulatedCluster demoCluster() {
		SimulatedCluster cluster = SimulatedCluster.start(Clock.systemUTC());
		try {
			DemoScenarios.seed(cluster);
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/** The simulated API server is throttled like a real one, by the same rate-limit settings. */
	@Bean
	ClusterRegistry demoClusterRegistry(SimulatedCluster demoCluster,
			@Value("${kubelet-doctor.api-client.rate-limit.requests-per-second:10}") double requestsPerSecond,
			@Value("${kubelet-doctor.api-client.rate-limit.burst:20}") int burst,
			@Value("${kubelet-doctor.api-client.max-retries:2}") int maxRetries, MeterRegistry meterRegistry) {
		ApiThrottle throttle = new ApiThrottle(new RateLimit(requestsPerSecond, burst), maxRetries, meterRegistry);
		return new FixedClusterRegistry(List.of(demoCluster.reader(CLUSTER_NAME, throttle)));
	}

}
