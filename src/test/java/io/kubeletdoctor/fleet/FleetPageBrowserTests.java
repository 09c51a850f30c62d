package io.kubeletdoctor.fleet;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.report.web.Browser;
import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet page in a real headless Chromium: the scan started with the page's own button, then
 * every kind of node read off the table, the chart, a filter, and markup in certificate names
 * shown as text. The screenshot lands in target/screenshots.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { FleetFixtures.NO_SAMPLE_ALERTS, FleetFixtures.OWN_CONTEXT })
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
@ExtendWith(Browser.Installed.class)
class FleetPageBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	SimulatedCluster cluster;

	private Browser browser;

	@BeforeEach
	void seed() {
		FleetFixtures.seed(this.cluster);
	}

	@Test
	void scanButtonFillsThePageWithEveryKindOfNode() {
		Browser.assertInstalled();
		try (Browser started = Browser.start()) {
			this.browser = started;
			started.authorize("Bearer " + Webhook.READ_TOKEN);
			scanAndReadThePage();
		}
	}

	private void scanAndReadThePage() {
		driver().get(base() + "/fleet");
		driver().findElement(By.cssSelector("form.fleet-scan button[type=submit]")).click();
		new WebDriverWait(driver(), Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("scan=requested"));
		new WebDriverWait(driver(), Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500)).until((d) -> {
			d.navigate().refresh();
			return !d.findElements(By.cssSelector("table.fleet-nodes")).isEmpty()
					&& rows().containsKey(FleetFixtures.HOSTILE);
		});
		Map<String, String> rows = rows();
		assertThat(rows.get(DemoScenarios.HEALTHY)).contains("reachable", "OK", "4.2.10", "PASS")
			.doesNotContain("FAILING", "FAIL\n");
		assertThat(rows.get(DemoScenarios.EXPIRED_SERVING)).contains("expired", "SELF_SIGNED", "FAIL");
		assertThat(rows.get(DemoScenarios.PENDING_SERVING_CSR)).contains("NOT_APPROVED", "PENDING");
		assertThat(rows.get(DemoScenarios.KUBELET_DOWN)).contains("unreachable: REFUSED");
		assertThat(rows.get(DemoScenarios.CSR_NOT_ISSUED)).contains("expires in", "hours", "FAILING");
		List<String> order = List.copyOf(rows.keySet());
		assertThat(order.indexOf(DemoScenarios.CSR_NOT_ISSUED)).as("first expiry first")
			.isLessThan(order.indexOf(DemoScenarios.HEALTHY));

		WebElement counts = driver().findElement(By.cssSelector(".fleet-counts"));
		assertThat(counts.getText()).contains("cannot rotate", "within 7 days", "CA expires in");
		WebElement chart = driver().findElement(By.cssSelector(".fleet-chart svg"));
		assertThat(chart.isDisplayed()).isTrue();
		assertThat(chart.findElements(By.cssSelector("rect.fleet-bar-stuck"))).isNotEmpty();
		this.browser.screenshot("fleet");

		JavascriptExecutor js = (JavascriptExecutor) driver();
		assertThat(rows.get(FleetFixtures.HOSTILE)).as("shown as text").contains("<script\\>window.__xss");
		assertThat(js.executeScript("return typeof window.__xss")).isEqualTo("undefined");

		new Select(driver().findElement(By.id("filter-state"))).selectByVisibleText("cannot rotate");
		driver().findElement(By.cssSelector(".filters button[type=submit]")).click();
		new WebDriverWait(driver(), Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("state=cannot-rotate"));
		assertThat(rows().keySet()).contains(DemoScenarios.EXPIRED_SERVING, DemoScenarios.PENDING_SERVING_CSR)
			.doesNotContain(DemoScenarios.HEALTHY, DemoScenarios.KUBELET_DOWN);
	}

	/** Node name to the row's text, in the table's order. */
	private Map<String, String> rows() {
		Map<String, String> rows = new LinkedHashMap<>();
		for (WebElement row : driver().findElements(By.cssSelector("table.fleet-nodes tbody tr"))) {
			String cell = row.findElement(By.cssSelector("td.node-cell")).getText();
			rows.put(cell.lines().findFirst().orElse(""), row.getText());
		}
		return rows;
	}

	private ChromeDriver driver() {
		return this.browser.driver();
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
