package io.kubeletdoctor.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read access in the default {@code token} mode, through real HTTP: pages, the JSON API, paths
 * nobody has written yet and the non-probe actuator endpoints need the read token; the probes,
 * the metrics and the webhook (with its own credential) do not.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class TokenReadAccessTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/", "/reports", "/reports/any-id", "/api/v1/reports", "/api/v1/reports/any-id", "/fleet",
			"/api/v1/fleet", "/actuator/quartz", "/actuator/info", "/actuator" })
	void readsWithoutTheTokenAreRefusedAndAskForIt(String path) {
		HttpResponse<String> answer = http().get(path, null);
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().allValues("WWW-Authenticate")).anyMatch((c) -> c.startsWith("Basic "))
			.anyMatch((c) -> c.startsWith("Bearer "));
		assertThat(answer.body()).doesNotContain("test-ui-token").doesNotContain("Exception");
	}

	@Test
	void theTokenOpensPagesAndTheApiAsBearerOrAsBasicPasswordOfAnyUser() {
		assertThat(http().get("/reports", "Bearer " + Webhook.READ_TOKEN).statusCode()).isEqualTo(200);
		assertThat(http().get("/api/v1/reports", basic("jane", Webhook.READ_TOKEN)).statusCode()).isEqualTo(200);
		HttpResponse<String> page = http().get("/reports", basic("", Webhook.READ_TOKEN));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<title>");
		// stateless: a token reader gets no session to steal
		assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void wrongOrForeignCredentialsAreRefused() {
		assertThat(http().get("/api/v1/reports", "Bearer wrong").statusCode()).isEqualTo(401);
		assertThat(http().get("/api/v1/reports", "Bearer " + Webhook.READ_TOKEN + "x").statusCode()).isEqualTo(401);
		assertThat(http().get("/reports", basic("reader", "wrong")).statusCode()).isEqualTo(401);
		// the webhook's credential writes, it does not read
		assertThat(http().get("/api/v1/reports", "Bearer " + Webhook.TOKEN).statusCode()).isEqualTo(401);
		assertThat(http().get("/reports", "Basic !!not-base64!!").statusCode()).isEqualTo(401);
	}

	@Test
	void probesMetricsAndTheWebhookStayReachableWithoutTheReadToken() {
		assertThat(http().get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(http().get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		assertThat(http().get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
		assertThat(http().get("/css/kubelet-doctor.css", null).statusCode()).isEqualTo(200);
		Webhook webhook = http();
		assertThat(webhook.post("{}").statusCode()).as("the webhook's own credential, no CSRF token").isEqualTo(400);
		assertThat(webhook.post("{}", "application/json", "Bearer " + Webhook.READ_TOKEN).statusCode())
			.as("the read token does not send").isEqualTo(401);
	}

	@ParameterizedTest
	@ValueSource(strings = { "env", "heapdump", "threaddump", "configprops", "beans", "mappings", "loggers",
			"shutdown", "scheduledtasks" })
	void nothingThatDisclosesEnvironmentHeapOrConfigurationIsExposed(String endpoint) {
		assertThat(http().get("/actuator/" + endpoint, "Bearer " + Webhook.READ_TOKEN).statusCode()).isEqualTo(404);
	}

	@Test
	void theQuartzEndpointIsReadOnly() {
		Webhook http = http();
		assertThat(http.get("/actuator/quartz/jobs", "Bearer " + Webhook.READ_TOKEN).statusCode()).isEqualTo(200);
		String links = http.get("/actuator", "Bearer " + Webhook.READ_TOKEN).body();
		assertThat(links).contains("quartz", "prometheus", "health").doesNotContain("/actuator/env");
	}

	@Test
	void everyAnswerCarriesTheSecurityHeaders() {
		for (HttpResponse<String> answer : new HttpResponse[] { http().get("/reports", "Bearer " + Webhook.READ_TOKEN),
				http().get("/reports", null), http().get("/actuator/health", null), http().post("{}") }) {
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(answer.uri().toString())
				.hasValueSatisfying((csp) -> assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self'",
						"style-src 'self'", "default-src 'none'"));
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
			assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		}
	}

	private Webhook http() {
		return new Webhook(this.port);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
