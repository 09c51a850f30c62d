package io.kubeletdoctor.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment variables the image, the compose file and the Deployment set reach the
 * properties the service reads, by Spring Boot's relaxed binding from the system environment
 * (where a name like KUBELET_DOCTOR_PUBLIC_URL must find kubelet-doctor.public-url).
 */
class DeploymentEnvironmentTests {

	private static final Map<String, String> PROPERTIES = Map.ofEntries(
			Map.entry("SPRING_DATASOURCE_URL", "spring.datasource.url"),
			Map.entry("SPRING_DATASOURCE_USERNAME", "spring.datasource.username"),
			Map.entry("SPRING_DATASOURCE_PASSWORD", "spring.datasource.password"),
			Map.entry("SPRING_PROFILES_ACTIVE", "spring.profiles.active"),
			Map.entry("SPRING_CONFIG_IMPORT", "spring.config.import"),
			Map.entry("KUBELET_DOCTOR_WEBHOOK_TOKEN", "kubelet-doctor.webhook.token"),
			Map.entry("KUBELET_DOCTOR_UI_TOKEN", "kubelet-doctor.ui.token"),
			Map.entry("KUBELET_DOCTOR_UI_AUTH", "kubelet-doctor.ui.auth"),
			Map.entry("KUBELET_DOCTOR_PUBLIC_URL", "kubelet-doctor.public-url"),
			Map.entry("KUBELET_DOCTOR_DATA_DIR", "kubelet-doctor.data-dir"),
			Map.entry("MANAGEMENT_SERVER_PORT", "management.server.port"),
			Map.entry("SERVER_SERVLET_SESSION_COOKIE_SECURE", "server.servlet.session.cookie.secure"));

	private static final Pattern DOCKERFILE_ENV = Pattern.compile("([A-Z_][A-Z0-9_]*)=");

	@Test
	void everySpringVariableOfTheDeploymentFilesBindsToAProperty() {
		Set<String> names = springVariables();
		assertThat(names).contains("KUBELET_DOCTOR_WEBHOOK_TOKEN", "KUBELET_DOCTOR_PUBLIC_URL",
				"KUBELET_DOCTOR_DATA_DIR", "SPRING_DATASOURCE_URL");
		assertThat(PROPERTIES).as("variables set by docker/ and app/ with a known property").containsKeys(
				names.toArray(String[]::new));
		Map<String, Object> variables = new LinkedHashMap<>();
		names.forEach((name) -> variables.put(name, "value of " + name));
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		String systemEnvironment = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
		sources.replace(systemEnvironment, new SystemEnvironmentPropertySource(systemEnvironment, variables));
		ConfigurationPropertySources.attach(environment);
		Binder binder = Binder.get(environment);
		for (String name : names) {
			String property = PROPERTIES.get(name);
			assertThat(environment.getProperty(property)).as("@Value of %s from %s", property, name)
				.isEqualTo("value of " + name);
			assertThat(binder.bind(property, String.class).orElse(null)).as("binding of %s from %s", property, name)
				.isEqualTo("value of " + name);
		}
	}

	private static Set<String> springVariables() {
		Set<String> names = new LinkedHashSet<>();
		AppManifests.load().container().get("env").items().forEach((env) -> names.add(env.get("name").text()));
		YamlNode compose = YamlNode.load(Path.of("docker", "compose.yaml"));
		names.addAll(compose.get("services").get("kubelet-doctor").get("environment").entries().keySet());
		YamlNode override = YamlNode.load(Path.of("docker", "compose.cluster.yaml"));
		names.addAll(override.get("services").get("kubelet-doctor").get("environment").entries().keySet());
		for (String env : Dockerfile.load(Path.of("docker", "Dockerfile")).finalStage().arguments("ENV")) {
			Matcher variable = DOCKERFILE_ENV.matcher(env);
			while (variable.find()) {
				names.add(variable.group(1));
			}
		}
		names.removeIf((name) -> !name.startsWith("SPRING_") && !name.startsWith("KUBELET_DOCTOR_")
				&& !name.startsWith("MANAGEMENT_") && !name.startsWith("SERVER_"));
		return names;
	}

}
