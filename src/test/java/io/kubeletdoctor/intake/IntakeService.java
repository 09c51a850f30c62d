package io.kubeletdoctor.intake;

import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.KubeletDoctorApplication;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.TestPostgres;
import io.kubeletdoctor.support.Webhook;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service on a random port for tests that the Spring test framework does not run (jqwik
 * properties): the {@code test} profile against the simulated cluster, on H2 or on a PostgreSQL
 * database. Quartz stays in standby, so reports stay queued and a property's many deliveries cost
 * no diagnoses; the queue limit is lifted to match.
 */
final class IntakeService implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final Webhook webhook;

	private IntakeService(ConfigurableApplicationContext context) {
		this.context = context;
		this.webhook = new Webhook(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	static IntakeService onH2() {
		return start("test");
	}

	/** On H2 with Quartz running, so every report is diagnosed against the simulated cluster. */
	static IntakeService diagnosingOnH2() {
		return new IntakeService(new SpringApplicationBuilder(KubeletDoctorApplication.class,
				SimulatedClusterTestConfiguration.class)
			.run("--spring.profiles.active=test", "--server.port=0"));
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	static IntakeService on(TestPostgres.Database database) {
		return start("test,postgres", "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password());
	}

	private static IntakeService start(String profiles, String... arguments) {
		List<String> all = new ArrayList<>(List.of("--spring.profiles.active=" + profiles, "--server.port=0",
				"--spring.quartz.auto-startup=false", "--kubelet-doctor.webhook.max-queued-reports=1000000"));
		all.addAll(List.of(arguments));
		return new IntakeService(new SpringApplicationBuilder(KubeletDoctorApplication.class,
				SimulatedClusterTestConfiguration.class)
			.run(all.toArray(String[]::new)));
	}

	Webhook webhook() {
		return this.webhook;
	}

	JdbcClient jdbc() {
		return this.context.getBean(JdbcClient.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
