package io.kubeletdoctor.report.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * A headless Chromium driven through the system chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}), never one Selenium Manager would download. Without them the tests are
 * skipped ({@link Installed}), except on CI, where a missing browser is a failure.
 */
public final class Browser implements AutoCloseable {

	static final String CHROMIUM = System.getProperty("kubelet-doctor.test.chromium", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getProperty("kubelet-doctor.test.chromedriver", "/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
		this.service = service;
		this.driver = driver;
		this.profile = profile;
	}

	static boolean installed() {
		return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
	}

	static String missingMessage() {
		return "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
				+ " (apt-get install chromium chromium-driver)";
	}

	/** Fails when no browser is installed; only reached without one on CI, where the tests must run. */
	public static void assertInstalled() {
		if (!installed()) {
			fail(missingMessage() + "; CI (variable CI set) must run them");
		}
	}

	public static Browser start() {
		// Selenium Manager reads SE_* system properties as its environment: never fetch a driver or browser
		System.setProperty("SE_OFFLINE", "true");
		Path profile;
		try {
			profile = Files.createTempDirectory("kubelet-doctor-chromium");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		return new Browser(service, new ChromeDriver(service, options), profile);
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/** Lets pages of {@code origin} read and write the clipboard, as a user's click on "Allow" would. */
	void allowClipboard(String origin) {
		this.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin, "permissions",
				List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
	}

	/** Sends this Authorization header with every request, as a reader holding the read token would. */
	public void authorize(String authorization) {
		this.driver.executeCdpCommand("Network.enable", Map.of());
		this.driver.executeCdpCommand("Network.setExtraHTTPHeaders",
				Map.of("headers", Map.of("Authorization", authorization)));
	}

	/** Lays pages out as a phone of this CSS width would. */
	public void emulateWidth(int width, int height) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
	}

	public void resetWidth() {
		this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
	}

	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Skips the browser tests, with the reason, when no browser is installed, except on CI (variable
	 * CI set), where they run and fail.
	 */
	public static final class Installed implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (installed()) {
				return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
			}
			if (System.getenv("CI") != null) {
				return ConditionEvaluationResult.enabled(missingMessage() + "; CI must run them");
			}
			System.out.println("SKIPPED " + context.getDisplayName() + ": " + missingMessage());
			return ConditionEvaluationResult.disabled(missingMessage() + "; skipped");
		}

	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			deleteProfile();
		}
	}

	private void deleteProfile() {
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// a temporary directory left behind is harmless
		}
	}

}
