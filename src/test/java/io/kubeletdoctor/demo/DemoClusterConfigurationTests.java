package io.kubeletdoctor.demo;

import java.util.Map;

import io.kubeletdoctor.cluster.ClusterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DemoClusterConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(DemoClusterConfiguration.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void demoProfileDiagnosesTheSeededDemoCluster() {
		this.contextRunner.withPropertyValues("spring.profiles.active=demo").run((context) -> {
			ClusterRegistry registry = context.getBean(ClusterRegistry.class);
			assertThat(registry.clusterNames()).containsExactly("demo");
			assertThat(registry.resolve(Map.of("cluster", "production"))).contains("demo");
			assertThat(registry.reader("demo").nodes()).extracting((node) -> node.getMetadata().getName())
				.containsExactlyInAnyOrderElementsOf(DemoScenarios.expectedVerdicts().keySet());
			assertThat(context.getBean(SimulatedCluster.class).apiServerUrl()).startsWith("http://127.0.0.1:");
		});
	}

	@Test
	void withoutTheDemoProfileThereIsNoSimulatedCluster() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(SimulatedCluster.class);
			assertThat(context).doesNotHaveBean(ClusterRegistry.class);
		});
	}

}
