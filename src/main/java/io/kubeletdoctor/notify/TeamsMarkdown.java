package io.kubeletdoctor.notify;

/**
 * Makes text that may carry alert labels literal in an Adaptive Card, whose TextBlock and Fact
 * values are read as Markdown: a label must not turn into a link, emphasis or a list item in the
 * on-call channel.
 */
final class TeamsMarkdown {

	/** The characters that start Markdown syntax the card renderer knows, and the escape itself. */
	private static final String SPECIAL = "\\`*_[]()<>#~|!";

	private TeamsMarkdown() {
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		boolean lineStart = true;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\r' || c == '\n') {
				// A line break could open a list or a heading: keep it on one line.
				escaped.append(' ');
				continue;
			}
			if (SPECIAL.indexOf(c) >= 0 || (lineStart && (c == '-' || c == '+'))) {
				escaped.append('\\');
			}
			escaped.append(c);
			lineStart = false;
		}
		return escaped.toString();
	}

}
