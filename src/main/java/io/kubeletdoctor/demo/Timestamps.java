package io.kubeletdoctor.demo;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Kubernetes API {@code Time}: RFC 3339 in UTC, whole seconds. */
final class Timestamps {

	private Timestamps() {
	}

	static String time(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}

}
