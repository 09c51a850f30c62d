package io.kubeletdoctor.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Kubelet log lines as the node log query returns them: journald's {@code short-precise} format
 * in UTC wrapping a klog header, e.g. {@code Nov 30 06:47:38.123456 worker-1 kubelet[2817]:
 * E1130 06:47:38.123456    2817 certificate_manager.go:596] "..."}.
 */
public final class KubeletJournal {

	private static final int PID = 2817;

	private static final DateTimeFormatter JOURNAL_TIME = DateTimeFormatter
		.ofPattern("MMM dd HH:mm:ss.SSSSSS", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter KLOG_TIME = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private KubeletJournal() {
	}

	/**
	 * One line. {@code severity} is klog's letter (I, W, E); {@code source} is the Go file and line,
	 * e.g. {@code certificate_manager.go:596}; {@code message} is what follows the header.
	 */
	public static String line(Instant at, String nodeName, char severity, String source, String message) {
		return JOURNAL_TIME.format(at) + " " + nodeName + " kubelet[" + PID + "]: " + severity + KLOG_TIME.format(at)
				+ " " + String.format("%7d", PID) + " " + source + "] " + message;
	}

}
