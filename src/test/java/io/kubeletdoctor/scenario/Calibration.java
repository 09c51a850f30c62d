package io.kubeletdoctor.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.kubeletdoctor.diagnosis.Confidence;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * How well the confidence levels are calibrated: every scenario verdict, built-in and field, by the
 * confidence the report gave and whether its root cause is the one the scenario expects. Printed once
 * when the test run ends and written to {@code target/calibration.md}. A HIGH verdict must never be
 * wrong: {@link #assertHighIsRight} fails the scenario that shows one.
 */
public final class Calibration implements BeforeAllCallback {

	private static final Path TABLE = Path.of("target", "calibration.md");

	private static final List<Verdict> VERDICTS = new ArrayList<>();

	/** One scenario's verdict: right when the root cause is the expected one. */
	public record Verdict(String suite, String scenario, Confidence confidence, boolean right) {
	}

	/** Records the verdict; {@code confidence} as the report's JSON wrote it. */
	public static void record(String suite, String scenario, String confidence, String expectedCode,
			String actualCode) {
		Confidence level = Confidence.valueOf(confidence.toUpperCase(Locale.ROOT));
		synchronized (VERDICTS) {
			VERDICTS.add(new Verdict(suite, scenario, level, expectedCode.equals(actualCode)));
		}
	}

	/** A HIGH verdict naming another root cause than the expected one is a calibration failure. */
	public static void assertHighIsRight(String scenario, String confidence, String expectedCode, String actualCode) {
		if ("HIGH".equals(confidence) && !expectedCode.equals(actualCode)) {
			throw new AssertionError("HIGH verdict wrong in " + scenario + ": " + actualCode + " instead of "
					+ expectedCode + "; a HIGH verdict must never be wrong");
		}
	}

	static String table(List<Verdict> verdicts) {
		StringBuilder table = new StringBuilder("| confidence | verdicts | built-in | field | right | share right |\n");
		table.append("|---|---|---|---|---|---|\n");
		for (Confidence level : Confidence.values()) {
			List<Verdict> at = verdicts.stream().filter((verdict) -> verdict.confidence() == level).toList();
			long right = at.stream().filter(Verdict::right).count();
			long field = at.stream().filter((verdict) -> verdict.suite().equals("field")).count();
			table.append("| ").append(level).append(" | ").append(at.size()).append(" | ").append(at.size() - field)
				.append(" | ").append(field).append(" | ").append(right).append(" | ")
				.append(at.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * right / at.size()))
				.append(" |\n");
		}
		long right = verdicts.stream().filter(Verdict::right).count();
		table.append("| all | ").append(verdicts.size()).append(" | | | ").append(right).append(" | ")
			.append(verdicts.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * right / verdicts.size()))
			.append(" |\n");
		return table.toString();
	}

	/** Registers the printing once for the whole run: the root store closes after the last test class. */
	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.computeIfAbsent(Calibration.class.getName(), (key) -> (AutoCloseable) Calibration::print);
	}

	private static void print() {
		List<Verdict> verdicts;
		synchronized (VERDICTS) {
			verdicts = List.copyOf(VERDICTS);
		}
		if (verdicts.isEmpty()) {
			return;
		}
		String table = table(verdicts);
		System.out.println("\nCalibration: scenario verdicts per confidence level and the share right\n" + table);
		try {
			Files.createDirectories(TABLE.getParent());
			Files.writeString(TABLE, table);
		}
		catch (IOException ex) {
			System.out.println("Could not write " + TABLE + ": " + ex.getMessage());
		}
	}

}
