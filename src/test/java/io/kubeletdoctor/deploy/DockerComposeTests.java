package io.kubeletdoctor.deploy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/compose.yaml} holds together without a Docker engine to try it: Alertmanager's
 * receiver reaches the service's port and webhook path with the token file the service reads,
 * the datasource points at the PostgreSQL service with its user and password, and the cluster
 * override mounts a kubeconfig read-only where KUBECONFIG says.
 */
class DockerComposeTests {

	private static final Path DOCKER = Path.of("docker");

	private static final String SECRETS = "/run/secrets/";

	private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)");

	private final YamlNode compose = YamlNode.load(DOCKER.resolve("compose.yaml"));

	private final YamlNode services = this.compose.get("services");

	private final YamlNode service = this.services.get("kubelet-doctor");

	private final YamlNode alertmanager = this.services.get("alertmanager");

	private final YamlNode postgres = this.services.get("postgres");

	@Test
	void servicesAreBuiltOrPinned() {
		assertThat(this.service.get("build").get("dockerfile").text()).isEqualTo("docker/Dockerfile");
		assertThat(DOCKER.resolve(this.service.get("build").get("context").text()).resolve("docker/Dockerfile"))
			.isRegularFile();
		assertThat(this.service.get("build").get("args").exists()).as("compose builds on the default bases").isFalse();
		assertThat(this.alertmanager.get("image").text()).matches("[\\w./-]*alertmanager:v\\d+\\.\\d+\\.\\d+");
		assertThat(this.postgres.get("image").text()).matches("postgres:\\d+");
		assertThat(this.service.get("environment").get("SPRING_PROFILES_ACTIVE").text())
			.as("docker compose up works without a cluster")
			.isEqualTo("demo");
	}

	@Test
	void alertmanagerPostsThePlaybookAlertsToTheServiceWebhook() {
		YamlNode config = alertmanagerConfig();
		for (String alert : Playbooks.alertNames()) {
			assertThat(AlertmanagerRouting.receivers(config.get("route"), Map.of("alertname", alert))).as(alert)
				.containsExactly("kubelet-doctor");
		}
		assertThat(AlertmanagerRouting.receivers(config.get("route"), Map.of("alertname", "Watchdog")))
			.doesNotContain("kubelet-doctor");
		URI url = URI.create(webhook(config).get("url").text());
		assertThat(this.services.entries()).containsKey(url.getHost());
		assertThat(url.getHost()).isEqualTo("kubelet-doctor");
		assertThat(url.getPort()).isEqualTo(containerPort());
		assertThat(url.getPath()).isEqualTo("/api/v1/alerts");
	}

	@Test
	void alertmanagerSendsTheTokenFileTheServiceReads() {
		YamlNode authorization = webhook(alertmanagerConfig()).get("http_config").get("authorization");
		assertThat(authorization.get("type").text()).isEqualTo("Bearer");
		Path credentialsFile = Path.of(authorization.get("credentials_file").text());
		String volume = volumeMountedAt(this.alertmanager, credentialsFile.getParent().toString());
		// Spring Boot reads each file of the config tree as the property its path spells
		assertThat(this.service.get("environment").get("SPRING_CONFIG_IMPORT").text())
			.contains("configtree:" + SECRETS);
		assertThat(volumeMountedAt(this.service, SECRETS + "kubelet-doctor/webhook")).isEqualTo(volume);
		assertThat(credentialsFile.getFileName().toString()).isEqualTo("token");
		assertGeneratedOnFirstRun(volume, "token");
	}

	@Test
	void datasourcePointsAtThePostgresService() {
		YamlNode environment = this.service.get("environment");
		Matcher url = JDBC_URL.matcher(environment.get("SPRING_DATASOURCE_URL").text());
		assertThat(url.matches()).isTrue();
		assertThat(this.services.entries().get(url.group(1))).isNotNull();
		assertThat(url.group(1)).isEqualTo("postgres");
		assertThat(url.group(2)).isEqualTo("5432");
		YamlNode postgresEnvironment = this.postgres.get("environment");
		assertThat(url.group(3)).isEqualTo(postgresEnvironment.get("POSTGRES_DB").text());
		assertThat(environment.get("SPRING_DATASOURCE_USERNAME").text())
			.isEqualTo(postgresEnvironment.get("POSTGRES_USER").text());
		Path passwordFile = Path.of(postgresEnvironment.get("POSTGRES_PASSWORD_FILE").text());
		String volume = volumeMountedAt(this.postgres, passwordFile.getParent().toString());
		assertThat(volumeMountedAt(this.service, SECRETS + "spring/datasource")).isEqualTo(volume);
		assertThat(passwordFile.getFileName().toString()).isEqualTo("password");
		assertGeneratedOnFirstRun(volume, "password");
		assertThat(this.service.get("depends_on").get("postgres").get("condition").text()).isEqualTo("service_healthy");
		assertThat(this.postgres.get("healthcheck").get("test").exists()).isTrue();
	}

	@Test
	void noCredentialIsCommittedAndPortsAreOnlyOnLoopback() {
		assertThat(this.compose.get("secrets").exists()).as("compose secrets are files in the repository").isFalse();
		assertThat(DOCKER.resolve("secrets")).doesNotExist();
		for (Map.Entry<String, YamlNode> service : this.services.entries().entrySet()) {
			for (String port : service.getValue().get("ports").texts()) {
				assertThat(port).as(service.getKey()).startsWith("127.0.0.1:");
			}
		}
	}

	@Test
	void clusterOverrideMountsTheKubeconfigReadOnly() {
		YamlNode override = YamlNode.load(DOCKER.resolve("compose.cluster.yaml")).get("services").get("kubelet-doctor");
		YamlNode mount = override.get("volumes").items().get(0);
		assertThat(mount.get("type").text()).isEqualTo("bind");
		assertThat(mount.get("read_only").value()).isEqualTo(true);
		assertThat(mount.get("bind").get("create_host_path").value())
			.as("a missing kubeconfig must fail, not become an empty directory")
			.isEqualTo(false);
		assertThat(override.get("environment").get("KUBECONFIG").text()).isEqualTo(mount.get("target").text());
		assertThat(override.get("environment").get("SPRING_PROFILES_ACTIVE").text()).isEmpty();
	}

	@Test
	void imageRunsTheExtractedLayersAsAFixedNonRootUser() {
		Dockerfile dockerfile = Dockerfile.load(DOCKER.resolve("Dockerfile"));
		assertThat(dockerfile.arguments("FROM")).as("bases are build arguments, for builds without a registry")
			.containsExactly("${BUILD_BASE} AS build", "${RUNTIME_BASE}");
		List<String> from = dockerfile.defaultFrom();
		assertThat(from.get(0)).matches(".*:17-jdk.* AS build");
		assertThat(from.get(1)).matches(".*:17-jre.*");
		assertThat(dockerfile.arguments("RUN")).anyMatch((run) -> run.contains("./mvnw") && run.contains("package"))
			.anyMatch((run) -> run.contains("-Djarmode=tools") && run.contains("extract --layers --launcher"));
		Dockerfile image = dockerfile.finalStage();
		assertThat(image.arguments("COPY")).containsExactly("--from=build /workspace/extracted/dependencies/ ./",
				"--from=build /workspace/extracted/spring-boot-loader/ ./",
				"--from=build /workspace/extracted/snapshot-dependencies/ ./",
				"--from=build /workspace/extracted/application/ ./");
		assertThat(image.arguments("ENTRYPOINT"))
			.containsExactly("[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
		assertThat(image.arguments("USER")).containsExactly(uid() + ":" + uid());
		assertThat(uid()).isGreaterThanOrEqualTo(1000);
		assertThat(image.arguments("RUN")).anyMatch((run) -> run.contains("--uid " + uid()));
		assertThat(image.arguments("ENV")).anyMatch((env) -> env.contains("-XX:MaxRAMPercentage="));
		assertThat(image.arguments("EXPOSE")).containsExactly(String.valueOf(containerPort()));
		assertThat(dockerfile.arguments("HEALTHCHECK")).as("Kubernetes probes the service itself").isEmpty();
	}

	@Test
	void buildContextSendsWhatTheBuildCopies() throws Exception {
		List<String> allowed = Files.readAllLines(DOCKER.resolve("Dockerfile.dockerignore"));
		for (String copy : Dockerfile.load(DOCKER.resolve("Dockerfile")).arguments("COPY")) {
			if (copy.startsWith("--from")) {
				continue;
			}
			String[] sources = copy.split("\\s+");
			for (int i = 0; i < sources.length - 1; i++) {
				assertThat(allowed).as(sources[i]).contains("!" + sources[i]);
			}
		}
	}

	@Test
	void imageAndDeploymentAgreeOnUserDataDirectoryAndPort() {
		AppManifests app = AppManifests.load();
		YamlNode pod = app.deployment().get("spec").get("template").get("spec");
		assertThat(pod.get("securityContext").get("runAsUser").value()).isEqualTo(uid());
		assertThat(app.container().get("volumeMounts").items())
			.anyMatch((mount) -> mount.get("mountPath").text().equals(dataDirectory()));
		assertThat(app.container().get("ports").items().get(0).get("containerPort").value()).isEqualTo(containerPort());
	}

	private YamlNode alertmanagerConfig() {
		String configFile = this.alertmanager.get("command")
			.texts()
			.stream()
			.filter((argument) -> argument.startsWith("--config.file="))
			.map((argument) -> argument.substring("--config.file=".length()))
			.findFirst()
			.orElseThrow();
		for (String volume : this.alertmanager.get("volumes").texts()) {
			String[] parts = volume.split(":");
			if (parts[1].equals(configFile)) {
				assertThat(parts).as("configuration mounted read-only").hasSize(3).endsWith("ro");
				return YamlNode.load(DOCKER.resolve(parts[0]));
			}
		}
		throw new AssertionError("Alertmanager's " + configFile + " is not mounted from the repository");
	}

	private static YamlNode webhook(YamlNode config) {
		return config.get("receivers").find("name", "kubelet-doctor").get("webhook_configs").items().get(0);
	}

	/** The named volume a service mounts, read-only, at {@code directory}. */
	private static String volumeMountedAt(YamlNode service, String directory) {
		for (String volume : service.get("volumes").texts()) {
			String[] parts = volume.split(":");
			if (parts[1].equals(directory)) {
				assertThat(parts).as(volume + " mounted read-only").hasSize(3).endsWith("ro");
				return parts[0];
			}
		}
		throw new AssertionError("Nothing is mounted at " + directory + " in " + service.path());
	}

	/** The service {@code secrets} writes {@code file} into {@code volume} when it is empty, and runs first. */
	private void assertGeneratedOnFirstRun(String volume, String file) {
		YamlNode generator = this.services.get("secrets");
		assertThat(this.compose.get("volumes").entries()).containsKey(volume);
		String directory = generator.get("volumes")
			.texts()
			.stream()
			.filter((mount) -> mount.startsWith(volume + ":"))
			.map((mount) -> mount.split(":")[1])
			.findFirst()
			.orElseThrow(() -> new AssertionError("the secrets service does not write " + volume));
		String script = String.join("\n", generator.get("entrypoint").texts());
		assertThat(script).contains(directory + "/" + file).contains("/dev/urandom").contains("[ ! -s ");
		for (YamlNode user : List.of(this.service, this.postgres, this.alertmanager)) {
			assertThat(user.get("depends_on").get("secrets").get("condition").text()).as(user.path())
				.isEqualTo("service_completed_successfully");
		}
	}

	/** The port the service listens on: the container side of the published port. */
	private int containerPort() {
		String published = this.service.get("ports").texts().get(0);
		assertThat(this.service.get("environment").get("SERVER_PORT").exists()).isFalse();
		return Integer.parseInt(published.substring(published.lastIndexOf(':') + 1));
	}

	private static int uid() {
		String user = Dockerfile.load(DOCKER.resolve("Dockerfile")).finalStage().arguments("USER").get(0);
		return Integer.parseInt(user.split(":")[0]);
	}

	private static String dataDirectory() {
		for (String env : Dockerfile.load(DOCKER.resolve("Dockerfile")).finalStage().arguments("ENV")) {
			Matcher dataDir = Pattern.compile("KUBELET_DOCTOR_DATA_DIR=(\\S+)").matcher(env);
			if (dataDir.find()) {
				return dataDir.group(1);
			}
		}
		throw new AssertionError("The image sets no KUBELET_DOCTOR_DATA_DIR");
	}

}
