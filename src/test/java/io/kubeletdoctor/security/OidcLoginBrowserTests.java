package io.kubeletdoctor.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.report.web.Browser;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC read access against a real OIDC issuer (mock-oauth2-server with its interactive login
 * page) in a real headless Chromium: a chat permalink leads through the issuer's login back to
 * the report it names; the JSON API answers 401 rather than a login page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kubelet-doctor.ui.auth=oidc", "kubelet-doctor.demo.send-sample-alerts=false",
				"spring.security.oauth2.client.registration.oidc.client-id=kubelet-doctor",
				"spring.security.oauth2.client.registration.oidc.client-secret=oidc-test-secret",
				"spring.security.oauth2.client.registration.oidc.scope=openid,profile,email" })
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
@ExtendWith(Browser.Installed.class)
class OidcLoginBrowserTests {

	private static final MockOAuth2Server issuer = new MockOAuth2Server(new OAuth2Config(true));

	@LocalServerPort
	int port;

	@Autowired
	SimulatedCluster cluster;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		issuer.start();
		registry.add("spring.security.oauth2.client.provider.oidc.issuer-uri",
				() -> issuer.issuerUrl("kubelet-doctor-test").toString());
	}

	@AfterAll
	static void stopIssuer() {
		issuer.shutdown();
	}

	@Test
	void withoutALoginPagesRedirectToTheIssuerAndTheApiAnswers401() {
		Webhook http = new Webhook(this.port);
		HttpResponse<String> page = browserGet("/reports/some-report");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/oauth2/authorization/oidc"));
		assertThat(http.get("/api/v1/reports", null).statusCode()).isEqualTo(401);
		assertThat(http.get("/api/v1/reports", "Bearer " + Webhook.READ_TOKEN).statusCode())
			.as("a configured read token still serves bots").isEqualTo(200);
	}

	@Test
	void aPermalinkLeadsThroughTheLoginToItsReport() {
		Browser.assertInstalled();
		String id = diagnose(DemoScenarios.EXPIRED_SERVING);
		try (Browser browser = Browser.start()) {
			ChromeDriver driver = browser.driver();
			driver.get(base() + "/reports/" + id);
			wait(driver, ExpectedConditions.presenceOfElementLocated(By.name("username")));
			assertThat(driver.getCurrentUrl()).startsWith(issuer.baseUrl().toString());
			driver.findElement(By.name("username")).sendKeys("jane.oncall");
			driver.findElement(By.cssSelector("input[type=submit]")).click();

			wait(driver, ExpectedConditions.urlToBe(base() + "/reports/" + id + "?continue"));
			assertThat(driver.findElement(By.cssSelector("section.verdict")).getText())
				.contains(DemoScenarios.EXPIRED_SERVING, "SERVING_CERT_EXPIRED");
			browser.screenshot("oidc-report");

			Cookie session = driver.manage().getCookieNamed("JSESSIONID");
			assertThat(session).isNotNull();
			assertThat(session.isHttpOnly()).isTrue();
			assertThat(session.getSameSite()).isEqualTo("Lax");

			driver.get(base() + "/reports");
			assertThat(driver.findElements(By.linkText(DemoScenarios.EXPIRED_SERVING))).isNotEmpty();
		}
	}

	/** A GET as a browser sends it: asking for HTML. */
	private HttpResponse<String> browserGet(String path) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/html").build(),
						HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String diagnose(String node) {
		DemoScenarios.seed(this.cluster);
		Webhook webhook = new Webhook(this.port);
		Map<String, Object> alert = Webhook.alert("firing", Webhook.newFingerprint(),
				Instant.now().minus(Duration.ofMinutes(10)).toString(),
				Map.of("alertname", "KubeletServerCertificateExpiration", "node", node));
		return webhook.diagnosed(alert);
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private static <T> void wait(ChromeDriver driver, org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
	}

}
