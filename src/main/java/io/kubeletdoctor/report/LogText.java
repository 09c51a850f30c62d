package io.kubeletdoctor.report;

import org.jspecify.annotations.Nullable;

/**
 * Values from alerts and from the payload (labels, node, cluster, receiver, exception text that
 * quotes them) as a log line may carry them: a CR or LF would forge a new line and an ESC would
 * reach the operator's terminal as an escape sequence, so every control character is written as an
 * escape ({@code \n}, {@code \r}, {@code \t}, {@code \\u001b}) and a backslash is doubled so the
 * escapes stay unambiguous.
 */
public final class LogText {

	private LogText() {
	}

	public static String escape(@Nullable Object value) {
		String text = String.valueOf(value);
		StringBuilder escaped = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String replacement = replacement(c);
			if (replacement != null && escaped == null) {
				escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
			}
			if (escaped != null) {
				escaped.append((replacement != null) ? replacement : String.valueOf(c));
			}
		}
		return (escaped != null) ? escaped.toString() : text;
	}

	private static @Nullable String replacement(char c) {
		return switch (c) {
			case '\n' -> "\\n";
			case '\r' -> "\\r";
			case '\t' -> "\\t";
			case '\\' -> "\\\\";
			default -> (Character.isISOControl(c) || c == '\u2028' || c == '\u2029')
					? String.format("\\u%04x", (int) c) : null;
		};
	}

}
