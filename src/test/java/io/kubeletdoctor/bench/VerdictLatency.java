package io.kubeletdoctor.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.kubeletdoctor.KubeletDoctorApplication;
import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.TestPostgres;
import io.kubeletdoctor.support.Webhook;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on a random port against the simulated cluster, with the production scheduling
 * settings (durable database, clustered Quartz job store, 15 s sweep), measuring what an alert's
 * sender sees: how long from posting one single-node alert until its report is COMPLETED, and how
 * long the webhook takes to answer at a paced rate while the drains of earlier alerts run.
 */
final class VerdictLatency implements AutoCloseable {

	private static final List<String> NODES = List.copyOf(DemoScenarios.expectedVerdicts().keySet());

	private static final Duration POLL = Duration.ofMillis(5);

	private final String database;

	private final ConfigurableApplicationContext context;

	private final Webhook webhook;

	private final JdbcClient jdbc;

	private VerdictLatency(String database, ConfigurableApplicationContext context) {
		this.database = database;
		this.context = context;
		this.webhook = new Webhook(((WebServerApplicationContext) context).getWebServer().getPort());
		this.jdbc = context.getBean(JdbcClient.class);
	}

	/** On an H2 file database with WRITE_DELAY=0, the default storage. */
	static VerdictLatency onH2() throws Exception {
		String url = "jdbc:h2:file:" + Files.createTempDirectory("kubelet-doctor-bench").resolve("db")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
		return start("H2", "test", "--spring.datasource.url=" + url);
	}

	static VerdictLatency on(TestPostgres.Database database) {
		return start("PostgreSQL", "test,postgres", "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password());
	}

	private static VerdictLatency start(String database, String profiles, String... arguments) {
		List<String> all = new ArrayList<>(List.of("--spring.profiles.active=" + profiles, "--server.port=0",
				"--kubelet-doctor.work.sweep-interval=15s", "--kubelet-doctor.webhook.max-queued-reports=1000000",
				"--logging.level.root=WARN"));
		all.addAll(List.of(arguments));
		return new VerdictLatency(database,
				new SpringApplicationBuilder(KubeletDoctorApplication.class, SimulatedClusterTestConfiguration.class)
					.run(all.toArray(String[]::new)));
	}

	/** Posts one alert at a time and waits for its report: webhook → COMPLETED, per alert. */
	List<Duration> verdicts(int alerts) {
		List<Duration> times = new ArrayList<>();
		for (int i = 0; i < alerts; i++) {
			long start = System.nanoTime();
			awaitCompleted(post(NODES.get(i % NODES.size())).reports().get(0));
			times.add(Duration.ofNanos(System.nanoTime() - start));
		}
		return times;
	}

	/**
	 * Posts {@code notifications} single-alert notifications at {@code perSecond}, each sent at its
	 * time whatever the answers before it took; every one opens a report, so drains run throughout.
	 * Returns the answer times once every report is completed.
	 */
	List<Duration> acknowledgements(int notifications, int perSecond) throws Exception {
		ExecutorService senders = Executors.newFixedThreadPool(32);
		List<Future<Posted>> posts = new ArrayList<>();
		long start = System.nanoTime();
		long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
		try {
			for (int i = 0; i < notifications; i++) {
				long wait = start + i * interval - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				String node = NODES.get(i % NODES.size());
				posts.add(senders.submit(() -> post(node)));
			}
			List<Posted> posted = new ArrayList<>();
			for (Future<Posted> post : posts) {
				posted.add(post.get(60, TimeUnit.SECONDS));
			}
			posted.forEach((post) -> post.reports().forEach(this::awaitCompleted));
			return posted.stream().map(Posted::answeredIn).toList();
		}
		finally {
			senders.shutdownNow();
		}
	}

	private Posted post(String node) {
		String body = this.webhook.notification(List.of(Webhook.alert("firing", Webhook.newFingerprint(),
				Instant.now().toString(), Map.of("alertname", "KubeletServerCertificateExpiration", "node", node))));
		long start = System.nanoTime();
		HttpResponse<String> response = this.webhook.post(body);
		Duration answeredIn = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.statusCode()).isEqualTo(202);
		List<String> ids = new ArrayList<>();
		this.webhook.json(response).get("reports").forEach((report) -> ids.add(report.get("id").asString()));
		return new Posted(answeredIn, ids);
	}

	private void awaitCompleted(String report) {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			String status = this.jdbc.sql("SELECT status FROM report WHERE id = ?").param(report).query(String.class).single();
			if ("COMPLETED".equals(status)) {
				return;
			}
			assertThat(status).isIn("QUEUED", "RUNNING");
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("Report " + report + " not completed within 2 minutes");
	}

	void print(String what, List<Duration> times) {
		List<Long> micros = new ArrayList<>(times.stream().map((time) -> time.toNanos() / 1000).toList());
		Collections.sort(micros);
		System.out.printf("%s, %s, %d: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", this.database, what, micros.size(),
				at(micros, 0.50), at(micros, 0.99), micros.get(micros.size() - 1) / 1000.0);
	}

	private static double at(List<Long> sorted, double quantile) {
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1000.0;
	}

	@Override
	public void close() {
		this.context.close();
	}

	private record Posted(Duration answeredIn, List<String> reports) {
	}

}
