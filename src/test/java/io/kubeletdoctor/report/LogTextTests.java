package io.kubeletdoctor.report;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A value in a log line can neither start a line of its own nor send a terminal escape. */
class LogTextTests {

	static Stream<String> values() {
		return Stream.of("x\r\n2026-12-01 INFO forged", "\u001b[2J\u001b[31mred", "tab\there", "bell\u0007",
				"del\u007f", "c1\u009b31m", "line\u2028separator", "back\\slash\\n", "\u0000nul");
	}

	@ParameterizedTest
	@MethodSource("values")
	void noControlCharacterSurvives(String value) {
		String escaped = LogText.escape(value);

		assertThat(escaped.chars()).noneMatch((c) -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
		assertThat(unescape(escaped)).as("nothing is lost").isEqualTo(value);
	}

	@Test
	void plainTextIsUnchanged() {
		assertThat(LogText.escape("worker-1 (cluster prod, 10.0.0.5:10250) é")).isEqualTo(
				"worker-1 (cluster prod, 10.0.0.5:10250) é");
		assertThat(LogText.escape("x\r\ny")).isEqualTo("x\\r\\ny");
		assertThat(LogText.escape(null)).isEqualTo("null");
	}

	/** The inverse, to show the escapes are unambiguous. */
	private static String unescape(String escaped) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < escaped.length(); i++) {
			char c = escaped.charAt(i);
			if (c != '\\') {
				text.append(c);
				continue;
			}
			char next = escaped.charAt(++i);
			switch (next) {
				case 'n' -> text.append('\n');
				case 'r' -> text.append('\r');
				case 't' -> text.append('\t');
				case '\\' -> text.append('\\');
				case 'u' -> {
					text.append((char) Integer.parseInt(escaped.substring(i + 1, i + 5), 16));
					i += 4;
				}
				default -> throw new AssertionError("Unknown escape \\" + next);
			}
		}
		return text.toString();
	}

}
