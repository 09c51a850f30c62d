package io.kubeletdoctor.notify;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes bound from properties and checked at start; a route that cannot work stops the start. */
class NotificationRoutesTests {

	private static final String SLACK_URL = "https://hooks.slack.example/services/T000/B000/secret";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(NotifyConfiguration.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("kubelet-doctor.public-url=" + NotifyFixtures.PUBLIC_URL);

	@Test
	void routesBindWithTheirFiltersAndHeaders() {
		this.runner.withPropertyValues(route(0, "oncall", "slack", "url=" + SLACK_URL,
				"alertnames=KubeletDown, KubeletClientCertificateExpiration", "root-causes=client_cert_expired",
				"clusters=prod"))
			.withPropertyValues(route(1, "bot", "WEBHOOK", "url=https://bot.example/hook",
					"headers.Authorization=Bearer abc", "headers[X-Source]=kubelet-doctor"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<NotificationRoute> routes = context.getBean(NotificationRoutes.class).routes();
				assertThat(routes).hasSize(2);
				NotificationRoute slack = routes.get(0);
				assertThat(slack.type()).isEqualTo(SinkType.SLACK);
				assertThat(slack.target()).isEqualTo(URI.create(SLACK_URL));
				assertThat(slack.alertnames()).containsExactlyInAnyOrder("KubeletDown",
						"KubeletClientCertificateExpiration");
				assertThat(slack.rootCauses()).containsExactly(RootCauseCode.CLIENT_CERT_EXPIRED);
				assertThat(slack.clusters()).containsExactly("prod");
				assertThat(slack.toString()).doesNotContain("secret");
				NotificationRoute bot = routes.get(1);
				assertThat(bot.type()).isEqualTo(SinkType.WEBHOOK);
				assertThat(bot.headers()).containsEntry("Authorization", "Bearer abc")
					.containsEntry("X-Source", "kubelet-doctor");
				assertThat(context.getBean(NotifyProperties.class).timeout()).hasSeconds(5);
			});
	}

	@Test
	void urlIsReadFromAFile(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("teams-url"), "  https://prod.workflows.example/hook?sig=s3cr3t\n");
		this.runner.withPropertyValues(route(0, "teams", "teams", "url-file=" + file))
			.run((context) -> assertThat(context.getBean(NotificationRoutes.class).routes().get(0).target())
				.isEqualTo(URI.create("https://prod.workflows.example/hook?sig=s3cr3t")));
	}

	@Test
	void noRoutesNeedNoPublicUrl() {
		new ApplicationContextRunner().withUserConfiguration(NotifyConfiguration.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context.getBean(NotificationRoutes.class).isEmpty()).isTrue());
	}

	@Test
	void unknownTypeFailsTheStart() {
		assertStartFails(route(0, "pager", "pagerduty", "url=https://pager.example"),
				"kubelet-doctor.notify.routes[0] ('pager').type: unknown type 'pagerduty' (use one of slack, teams, webhook)");
	}

	@Test
	void missingTypeFailsTheStart() {
		assertStartFails(new String[] { "kubelet-doctor.notify.routes[0].name=x",
				"kubelet-doctor.notify.routes[0].url=https://x.example" }, "kubelet-doctor.notify.routes[0] ('x'): no type");
	}

	@Test
	void missingUrlFailsTheStart() {
		assertStartFails(route(0, "oncall", "slack"),
				"kubelet-doctor.notify.routes[0] ('oncall'): no URL; set .url, or .url-file");
	}

	@Test
	void startFailureIsReportedAsAFailureAnalysis() {
		Throwable failure = startFailure(route(0, "oncall", "slack"));
		FailureAnalysis analysis = new InvalidRouteFailureAnalyzer()
			.analyze(new IllegalStateException("context refresh failed", failure));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("kubelet-doctor.notify.routes[0] ('oncall'): no URL");
		assertThat(analysis.getAction()).contains("url-file", "kubelet-doctor.public-url");
	}

	@Test
	void urlAndUrlFileTogetherFailTheStart() {
		assertStartFails(route(0, "oncall", "slack", "url=" + SLACK_URL, "url-file=/nowhere"),
				"set either .url or .url-file, not both");
	}

	@Test
	void unreadableUrlFileFailsTheStart(@TempDir Path dir) {
		assertStartFails(route(0, "oncall", "slack", "url-file=" + dir.resolve("missing")),
				"kubelet-doctor.notify.routes[0] ('oncall').url-file: cannot read");
	}

	@Test
	void relativeUrlFailsTheStartWithoutEchoingIt() {
		Throwable failure = startFailure(route(0, "oncall", "slack", "url=hooks.slack.example/secret-path"));
		assertThat(failure.getMessage()).contains("('oncall').url: the URL is not an absolute http or https URL")
			.doesNotContain("secret-path");
	}

	@Test
	void unknownRootCauseFailsTheStart() {
		assertStartFails(route(0, "ca", "teams", "url=https://t.example", "root-causes=CA_EXPIRED,CA_EXPLODED"),
				"('ca').root-causes: unknown root-cause code 'CA_EXPLODED'");
	}

	@Test
	void missingNameFailsTheStart() {
		assertStartFails(new String[] { "kubelet-doctor.notify.routes[0].type=slack",
				"kubelet-doctor.notify.routes[0].url=" + SLACK_URL }, "kubelet-doctor.notify.routes[0].name:");
	}

	@Test
	void duplicateNamesFailTheStart() {
		String[] first = route(0, "oncall", "slack", "url=" + SLACK_URL);
		String[] second = route(1, "oncall", "teams", "url=https://t.example");
		String[] both = new String[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		assertStartFails(both, "kubelet-doctor.notify.routes[1]: the name 'oncall' is used by another route");
	}

	@Test
	void forbiddenHeaderFailsTheStart() {
		assertStartFails(route(0, "bot", "webhook", "url=https://bot.example", "headers.Host=evil.example"),
				"('bot').headers: the header 'Host' cannot be set");
	}

	@Test
	void zeroTimeoutFailsTheStart() {
		assertStartFails(new String[] { "kubelet-doctor.notify.timeout=0s" },
				"kubelet-doctor.notify.timeout must be positive");
	}

	@Test
	void routesWithoutAPublicUrlFailTheStart() {
		ApplicationContextRunner withoutPublicUrl = new ApplicationContextRunner()
			.withUserConfiguration(NotifyConfiguration.class);
		assertThat(startFailure(withoutPublicUrl, route(0, "oncall", "slack", "url=" + SLACK_URL)).getMessage())
			.startsWith("kubelet-doctor.public-url: notification routes are configured but the public URL is not");
	}

	@Test
	void publicUrlMustBeAbsolute() {
		assertThat(checkFailure("/reports")).contains("kubelet-doctor.public-url: '/reports'"
				+ " is not an absolute http or https URL");
		assertThat(checkFailure(" ")).contains("kubelet-doctor.public-url: notification routes"
				+ " are configured but the public URL is not");
	}

	private static String checkFailure(String publicUrl) {
		NotifyProperties properties = new NotifyProperties(List.of(new NotifyProperties.Route("oncall", "slack",
				SLACK_URL, null, null, null, null, Map.of())), Duration.ofSeconds(5), 1,
				Duration.ofSeconds(1), 10);
		try {
			NotificationRoutes.of(properties, publicUrl);
		}
		catch (NotificationRoutes.InvalidRouteException ex) {
			return ex.getMessage();
		}
		throw new AssertionError("accepted public URL '" + publicUrl + "'");
	}

	private void assertStartFails(String[] properties, String message) {
		assertThat(startFailure(properties).getMessage()).contains(message);
	}

	private Throwable startFailure(String[] properties) {
		return startFailure(this.runner, properties);
	}

	private static Throwable startFailure(ApplicationContextRunner runner, String[] properties) {
		List<Throwable> failure = new ArrayList<>();
		runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			failure.add(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()));
		});
		return failure.get(0);
	}

	private static String[] route(int index, String name, String type, String... more) {
		String prefix = "kubelet-doctor.notify.routes[" + index + "].";
		List<String> values = new ArrayList<>(List.of(prefix + "name=" + name, prefix + "type=" + type));
		for (String property : more) {
			values.add(prefix + property);
		}
		return values.toArray(String[]::new);
	}

}
