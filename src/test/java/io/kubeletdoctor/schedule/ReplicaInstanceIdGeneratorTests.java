package io.kubeletdoctor.schedule;

import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.quartz.spi.InstanceIdGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Quartz instance id cannot fail at start and is unique per process, whatever the container
 * tells about its name.
 */
class ReplicaInstanceIdGeneratorTests {

	private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	@Test
	void podNameComesFirst() {
		String id = generator(Map.of("POD_NAME", "kubelet-doctor-7d9f-x2x", "HOSTNAME", "other"), "resolved")
			.generateInstanceId();
		assertThat(id).matches("kubelet-doctor-7d9f-x2x-" + UUID);
	}

	@Test
	void hostNameFromTheEnvironmentAvoidsResolving() {
		String id = generator(Map.of("HOSTNAME", "3f2a9c1b7e0d"), null).generateInstanceId();
		assertThat(id).matches("3f2a9c1b7e0d-" + UUID);
	}

	@Test
	void resolvedHostNameWhenTheEnvironmentHasNone() {
		assertThat(generator(Map.of("POD_NAME", " "), "build-host").generateInstanceId()).matches("build-host-" + UUID);
	}

	@Test
	void neitherEnvironmentNorResolvingStillGivesAnId() {
		assertThat(generator(Map.of(), null).generateInstanceId()).matches("kubelet-doctor-" + UUID);
	}

	@Test
	void everyProcessOfTheSameNameGetsAnIdOfItsOwn() {
		ReplicaInstanceIdGenerator generator = generator(Map.of("POD_NAME", "kubelet-doctor-0"), null);
		assertThat(IntStream.range(0, 100).mapToObj((i) -> generator.generateInstanceId()).distinct()).hasSize(100);
	}

	@Test
	void longNamesFitQuartzInstanceNameColumn() {
		String id = generator(Map.of("POD_NAME", "n".repeat(500)), null).generateInstanceId();
		assertThat(id).hasSizeLessThanOrEqualTo(200).matches("n+-" + UUID);
	}

	@Test
	void quartzIsConfiguredToGenerateTheIdWithIt() throws Exception {
		Properties properties = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
			properties.load(in);
		}
		String prefix = "spring.quartz.properties.org.quartz.scheduler.";
		assertThat(properties.getProperty(prefix + "instanceId")).isEqualTo("AUTO");
		// Quartz loads the generator by name and calls its public no-argument constructor
		Class<?> configured = Class.forName(properties.getProperty(prefix + "instanceIdGenerator.class"));
		assertThat(configured).isEqualTo(ReplicaInstanceIdGenerator.class);
		InstanceIdGenerator generator = (InstanceIdGenerator) configured.getConstructor().newInstance();
		assertThat(generator.generateInstanceId()).matches(".+-" + UUID);
	}

	private static ReplicaInstanceIdGenerator generator(Map<String, String> environment, String resolvedHostName) {
		return new ReplicaInstanceIdGenerator(environment::get, () -> resolvedHostName);
	}

}
