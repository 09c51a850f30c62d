package io.kubeletdoctor.scenario;

import java.time.Clock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Replaces the configured clusters with one simulated cluster per scenario. */
@TestConfiguration(proxyBeanMethods = false)
public class ScenarioTestConfiguration {

	@Bean(destroyMethod = "close")
	ScenarioClusters scenarioClusters(Clock clock) {
		return new ScenarioClusters(clock);
	}

}
