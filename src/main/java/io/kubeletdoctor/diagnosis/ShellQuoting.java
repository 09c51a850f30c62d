package io.kubeletdoctor.diagnosis;

import java.util.regex.Pattern;

/**
 * The one way a value enters a command the report hands out for copy and paste. Values come from
 * alert labels and the Kubernetes API, so a value that is not plainly inert is wrapped in single
 * quotes, inside which a POSIX shell gives no character a meaning; a single quote itself is closed,
 * escaped and reopened ({@code '\''}).
 */
public final class ShellQuoting {

	/** Characters no POSIX shell treats specially anywhere in a word; such words stay readable. */
	private static final Pattern INERT = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

	private ShellQuoting() {
	}

	/** {@code value} as exactly one shell word. */
	public static String quote(String value) {
		if (INERT.matcher(value).matches()) {
			return value;
		}
		return "'" + value.replace("'", "'\\''") + "'";
	}

}
