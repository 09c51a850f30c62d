package io.kubeletdoctor.report.web;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report pages in a real headless Chromium against the running service: reports produced by
 * webhook posts and the simulated cluster, then listed, filtered, opened, copied from, checked for
 * script injection and laid out at phone width. Screenshots land in target/screenshots.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// its own context: the demo scenarios seeded here must not meet other tests' extra nodes
		properties = "kubelet-doctor.demo.send-sample-alerts=false")
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
@ExtendWith(Browser.Installed.class)
class ReportPagesBrowserTests {

	static final String HOSTILE_SCRIPT = "<script>window.__xss=1</script>";

	static final String HOSTILE_IMAGE = "<img src=x onerror=\"window.__xss=1\">";

	private static Browser browser;

	private static final Map<String, String> reportIds = new LinkedHashMap<>();

	@LocalServerPort
	int port;

	@Autowired
	SimulatedCluster cluster;

	@BeforeAll
	static void startBrowser() {
		Browser.assertInstalled();
		browser = Browser.start();
		browser.authorize("Bearer " + Webhook.READ_TOKEN);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	/** Three diagnosed nodes, once: the client-expired one with hostile annotations and links. */
	@BeforeEach
	void diagnoseNodes() {
		if (!reportIds.isEmpty()) {
			return;
		}
		DemoScenarios.seed(this.cluster);
		Webhook webhook = new Webhook(this.port);
		Map<String, String> annotations = new LinkedHashMap<>();
		annotations.put("summary", "Client certificate of " + DemoScenarios.CLIENT_EXPIRED + " " + HOSTILE_SCRIPT);
		annotations.put("description", "Rotation stopped " + HOSTILE_IMAGE);
		annotations.put("runbook_url", "javascript:window.__xss=1");
		reportIds.put(DemoScenarios.CLIENT_EXPIRED, diagnose(webhook, DemoScenarios.CLIENT_EXPIRED, annotations));
		reportIds.put(DemoScenarios.HEALTHY, diagnose(webhook, DemoScenarios.HEALTHY, Map.of("summary", "renewal errors")));
		reportIds.put(DemoScenarios.EXPIRED_SERVING,
				diagnose(webhook, DemoScenarios.EXPIRED_SERVING, Map.of("summary", "serving certificate expired")));
	}

	@AfterEach
	void fullWidth() {
		browser.resetWidth();
	}

	@Test
	void listFiltersByNodeAndOpensTheReportWithItsVerdictAndCommands() {
		open("/reports");
		assertThat(rowNodes()).contains(DemoScenarios.CLIENT_EXPIRED, DemoScenarios.HEALTHY,
				DemoScenarios.EXPIRED_SERVING);
		browser.screenshot("reports-list");

		WebElement search = driver().findElement(By.id("filter-node"));
		search.sendKeys("CLIENT-exp");
		driver().findElement(By.cssSelector(".filters button[type=submit]")).click();
		wait(ExpectedConditions.urlContains("node=CLIENT-exp"));
		assertThat(rowNodes()).containsExactly(DemoScenarios.CLIENT_EXPIRED);
		assertThat(driver().findElement(By.id("filter-node")).getAttribute("value")).isEqualTo("CLIENT-exp");

		driver().findElement(By.linkText(DemoScenarios.CLIENT_EXPIRED)).click();
		wait(ExpectedConditions.urlContains(reportIds.get(DemoScenarios.CLIENT_EXPIRED)));
		WebElement verdict = driver().findElement(By.cssSelector("section.verdict"));
		assertThat(verdict.findElement(By.tagName("h1")).getText()).isEqualTo("Kubelet client certificate expired");
		assertThat(verdict.getText()).contains(DemoScenarios.CLIENT_EXPIRED, "CLIENT_CERT_EXPIRED",
				"HIGH confidence", "Time to impact: client certificate expired");
		WebElement commands = driver().findElement(By.cssSelector(".remediation pre"));
		assertThat(commands.isDisplayed()).isTrue();
		assertThat(commands.getText()).contains("kubeadm kubeconfig user");
		assertThat(driver().getTitle()).isEqualTo(DemoScenarios.CLIENT_EXPIRED
				+ ": Kubelet client certificate expired (HIGH) · kubelet-doctor");
		browser.screenshot("report-client-expired");
	}

	@Test
	void copyButtonPutsTheCommandsOnTheClipboard() {
		browser.allowClipboard(base());
		open("/reports/" + reportIds.get(DemoScenarios.CLIENT_EXPIRED));
		WebElement block = driver().findElement(By.cssSelector(".remediation pre"));
		WebElement button = driver().findElement(By.cssSelector(".remediation .copy-button"));
		assertThat(button.getText()).isEqualTo("Copy");
		button.click();
		wait(ExpectedConditions.textToBePresentInElement(button, "Copied"));
		Object clipboard = ((JavascriptExecutor) driver()).executeAsyncScript(
				"const done = arguments[arguments.length - 1];"
						+ "navigator.clipboard.readText().then(done, (e) => done('unreadable: ' + e));");
		assertThat(clipboard).isEqualTo(block.getText());
		assertThat(button.getAttribute("class")).contains("copied");
	}

	@Test
	void hostileAnnotationsAreShownAsTextAndNeverRun() {
		open("/reports/" + reportIds.get(DemoScenarios.CLIENT_EXPIRED));
		JavascriptExecutor js = (JavascriptExecutor) driver();
		assertThat(js.executeScript("return typeof window.__xss")).isEqualTo("undefined");
		String annotations = driver().findElement(By.cssSelector("dl.annotations")).getText();
		assertThat(annotations).contains(HOSTILE_SCRIPT, HOSTILE_IMAGE, "javascript:window.__xss=1");
		assertThat(driver().findElements(By.cssSelector("main img, main script"))).isEmpty();
		assertThat(driver().findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
		assertThat(js.executeScript("return typeof window.__xss")).isEqualTo("undefined");
	}

	@Test
	void verdictFitsAPhoneWithoutSideways() {
		browser.emulateWidth(390, 844);
		open("/reports/" + reportIds.get(DemoScenarios.CLIENT_EXPIRED));
		JavascriptExecutor js = (JavascriptExecutor) driver();
		assertThat(js.executeScript("return window.innerWidth")).isEqualTo(390L);
		assertThat((Long) js.executeScript("return document.documentElement.scrollWidth"))
			.as("no horizontal scroll on the page").isLessThanOrEqualTo(390L);
		assertThat((Boolean) js.executeScript("const v = document.querySelector('section.verdict');"
				+ "const r = v.getBoundingClientRect();"
				+ "return v.scrollWidth <= v.clientWidth && r.left >= 0 && r.right <= window.innerWidth;"))
			.as("the verdict box fits the screen").isTrue();
		browser.screenshot("report-client-expired-390px");
		open("/reports");
		assertThat((Long) js.executeScript("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
		browser.screenshot("reports-list-390px");
	}

	private String diagnose(Webhook webhook, String node, Map<String, String> annotations) {
		Map<String, Object> alert = Webhook.alert("firing", Webhook.newFingerprint(),
				Instant.now().minus(Duration.ofMinutes(10)).toString(),
				Map.of("alertname", "KubeletClientCertificateExpiration", "node", node, "severity", "warning"));
		alert.put("annotations", annotations);
		return webhook.diagnosed(alert);
	}

	private List<String> rowNodes() {
		return driver().findElements(By.cssSelector("table.report-list tbody tr td:first-child a"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private void open(String path) {
		driver().get(base() + path);
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private <T> void wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
		new WebDriverWait(driver(), Duration.ofSeconds(10)).until(condition);
	}

	private static org.openqa.selenium.chrome.ChromeDriver driver() {
		return browser.driver();
	}

}
