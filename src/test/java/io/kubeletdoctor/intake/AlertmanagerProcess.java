package io.kubeletdoctor.intake;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Alertmanager binary on a loopback port, clustering off, with one webhook receiver. Its
 * timers are cut to seconds so a test sees first notifications, repeats and resolutions quickly.
 */
final class AlertmanagerProcess implements AutoCloseable {

	/** Debian's package installs it under this name; upstream tarballs call it alertmanager. */
	private static final List<String> NAMES = List.of("prometheus-alertmanager", "alertmanager");

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final Path log;

	private final String base;

	private AlertmanagerProcess(Process process, Path log, String base) {
		this.process = process;
		this.log = log;
		this.base = base;
	}

	/** The binary on the PATH, if any. */
	static Optional<Path> locate() {
		String path = System.getenv("PATH");
		List<String> directories = new ArrayList<>(List.of((path != null) ? path.split(File.pathSeparator) : new String[0]));
		directories.add("/usr/bin");
		for (String name : NAMES) {
			for (String directory : directories) {
				Path candidate = Path.of(directory, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

	static String version(Path binary) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(10, TimeUnit.SECONDS);
		return output.lines().findFirst().orElse("unknown").trim();
	}

	/**
	 * Starts Alertmanager with a route that groups by alertname and node and sends every group to
	 * the receiver {@code receiver}, a webhook at {@code webhookUrl} with a Bearer token read from
	 * a file, as an operator would configure it.
	 */
	static AlertmanagerProcess start(Path binary, Path directory, String receiver, String webhookUrl, String token)
			throws IOException, InterruptedException {
		Path tokenFile = Files.writeString(directory.resolve("webhook-token"), token);
		Path config = Files.writeString(directory.resolve("alertmanager.yml"), """
				route:
				  receiver: '%s'
				  group_by: [alertname, node]
				  group_wait: 1s
				  group_interval: 1s
				  repeat_interval: 2s
				receivers:
				  - name: '%s'
				    webhook_configs:
				      - url: '%s'
				        send_resolved: true
				        http_config:
				          authorization:
				            type: Bearer
				            credentials_file: '%s'
				""".formatted(receiver, receiver, webhookUrl, tokenFile));
		int port = freePort();
		String base = "http://127.0.0.1:" + port;
		Path log = directory.resolve("alertmanager.log");
		Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
				"--storage.path=" + Files.createDirectories(directory.resolve("data")),
				"--web.listen-address=127.0.0.1:" + port, "--web.external-url=" + base,
				"--cluster.listen-address=")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		AlertmanagerProcess alertmanager = new AlertmanagerProcess(process, log, base);
		try {
			alertmanager.awaitReady();
		}
		catch (IOException | RuntimeException ex) {
			alertmanager.close();
			throw ex;
		}
		return alertmanager;
	}

	/** Posts alerts to {@code /api/v2/alerts}, as Prometheus does. */
	void post(List<Map<String, Object>> alerts) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base + "/api/v2/alerts"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(alerts)))
			.build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Alertmanager refused the alerts (" + response.statusCode() + "): "
					+ response.body());
		}
	}

	/** A postable alert; {@code endsAt} in the past resolves an alert posted before with the same labels. */
	static Map<String, Object> alert(Map<String, String> labels, Instant startsAt, @Nullable Instant endsAt) {
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("labels", labels);
		alert.put("annotations", Map.of("summary", "Kubelet certificate trouble on " + labels.get("node"),
				"runbook_url", "http://runbooks.test/kubelet"));
		alert.put("startsAt", startsAt.toString());
		if (endsAt != null) {
			alert.put("endsAt", endsAt.toString());
		}
		alert.put("generatorURL", "http://prometheus.test/graph?g0.expr=up");
		return alert;
	}

	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private void awaitReady() throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IOException("Alertmanager exited with " + this.process.exitValue() + ":\n" + log());
			}
			try {
				HttpResponse<String> ready = this.http.send(
						HttpRequest.newBuilder(URI.create(this.base + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (ready.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(100);
		}
		throw new IOException("Alertmanager was not ready within " + READY_TIMEOUT + ":\n" + log());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A port free a moment ago; Alertmanager cannot report the port it bound for ":0". */
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
