package io.kubeletdoctor.scenario.field;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's table: each scenario's source, the verdict the domain expects, the one the service gave,
 * and whether they agree. Printed at the end and written to {@code target/field-scenarios.md}, so a
 * run shows every finding at once instead of one failure at a time.
 */
final class FieldResults {

	private static final Path TABLE = Path.of("target", "field-scenarios.md");

	private final List<String> rows = new ArrayList<>();

	synchronized void record(FieldScenario scenario, Outcome actual, List<String> mismatches) {
		String result;
		if (mismatches.isEmpty()) {
			result = (scenario.knownFinding() != null) ? "FIXED (remove knownFinding)" : "pass";
		}
		else {
			result = ((scenario.knownFinding() != null) ? "FINDING: " : "FAIL: ") + String.join("; ", mismatches);
		}
		this.rows.add("| " + scenario.name() + " | " + scenario.source() + " | " + scenario.expected() + " | " + actual
				+ " | " + result + " |");
	}

	synchronized String table() {
		StringBuilder table = new StringBuilder();
		table.append("| scenario | source | expected | actual | result |\n");
		table.append("|---|---|---|---|---|\n");
		this.rows.forEach((row) -> table.append(row).append('\n'));
		return table.toString();
	}

	void print() {
		String table = table();
		System.out.println("\nField scenarios: expected against actual verdicts\n" + table);
		try {
			Files.createDirectories(TABLE.getParent());
			Files.writeString(TABLE, table);
		}
		catch (IOException ex) {
			System.out.println("Could not write " + TABLE + ": " + ex.getMessage());
		}
	}

}
