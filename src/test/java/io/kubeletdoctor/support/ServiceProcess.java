package io.kubeletdoctor.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.kubeletdoctor.KubeletDoctorApplication;

/**
 * One replica of the service in a JVM of its own, started from the test's class path with the
 * {@code postgres} and {@code demo} profiles (each replica simulates the same {@code demo} cluster),
 * so that a test can kill it with SIGKILL as a failing node would. Its output goes to
 * {@code target/replicas/<instance id>.log}; the Quartz instance id is the one given, so a test
 * can tell whose claims are whose.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Pattern STARTED_ON_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private static final Path LOGS = Path.of("target", "replicas");

	/** Replicas still running when the test JVM exits are killed with it, not left behind. */
	private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
	}

	private final String instanceId;

	private final Process process;

	private final Path log;

	private final int port;

	private ServiceProcess(String instanceId, Process process, Path log, int port) {
		this.instanceId = instanceId;
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts a replica on {@code datasourceUrl} and waits until it is ready for webhooks. Extra
	 * arguments are Spring Boot command-line properties ({@code --name=value}).
	 */
	public static ServiceProcess start(String instanceId, String datasourceUrl, String user, String password,
			String... extraArguments) {
		try {
			Files.createDirectories(LOGS);
			Path log = LOGS.resolve(instanceId + ".log");
			List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
					"-XX:TieredStopAtLevel=1", "-cp", mainClassPath(), KubeletDoctorApplication.class.getName(),
					"--spring.profiles.active=postgres,demo", "--spring.datasource.url=" + datasourceUrl,
					"--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
					"--server.port=0", "--kubelet-doctor.webhook.token=" + Webhook.TOKEN,
					"--kubelet-doctor.data-dir=" + LOGS.resolve(instanceId + "-data"),
					"--kubelet-doctor.demo.send-sample-alerts=false", "--kubelet-doctor.fleet.scan-at-start=false",
					// The simulated cluster takes any load; keep the drains as fast as before the limiter.
					"--kubelet-doctor.api-client.rate-limit.requests-per-second=1000",
					"--kubelet-doctor.api-client.rate-limit.burst=200",
					"--spring.quartz.properties.org.quartz.scheduler.instanceId=" + instanceId));
			command.addAll(Arrays.asList(extraArguments));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			RUNNING.add(process);
			process.onExit().thenRun(() -> RUNNING.remove(process));
			int port = awaitPort(process, log);
			ServiceProcess service = new ServiceProcess(instanceId, process, log, port);
			service.awaitReady();
			return service;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start replica " + instanceId, ex);
		}
	}

	public String instanceId() {
		return this.instanceId;
	}

	public long pid() {
		return this.process.pid();
	}

	public int port() {
		return this.port;
	}

	public Webhook webhook() {
		return new Webhook(this.port);
	}

	public boolean alive() {
		return this.process.isAlive();
	}

	/** SIGKILL by PID ({@link Process#destroyForcibly()} on Linux); returns the exit status, 137 then. */
	public int kill() {
		this.process.destroyForcibly();
		return waitForExit(Duration.ofSeconds(30));
	}

	/** The last lines of the replica's output, for failure messages. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return all.subList(Math.max(0, all.size() - lines), all.size()).stream().collect(Collectors.joining("\n"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** Stops the replica as Kubernetes would (SIGTERM), killing it if it does not end in 30 s. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
					kill();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				kill();
			}
		}
	}

	private int waitForExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("Replica " + this.instanceId + " (pid " + pid() + ") did not end");
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int awaitPort(Process process, Path log) throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
			Matcher matcher = STARTED_ON_PORT.matcher(output);
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("The replica exited with status " + process.exitValue()
						+ " before it listened; its output:\n" + tail(output));
			}
			pause(200);
		}
		process.destroyForcibly();
		throw new IllegalStateException("The replica did not listen within " + START_TIMEOUT + "; see " + log);
	}

	private void awaitReady() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		URI readiness = URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness");
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			pause(200);
		}
		close();
		throw new IllegalStateException("Replica " + this.instanceId + " did not become ready:\n" + logTail(40));
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The test's own class path without the test classes: the application scans its packages for
	 * components, and would pick up the tests' configurations too.
	 */
	private static String mainClassPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).endsWith(Path.of("target", "test-classes")))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static String tail(String output) {
		String[] lines = output.split("\n");
		return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
