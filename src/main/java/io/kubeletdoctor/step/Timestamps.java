package io.kubeletdoctor.step;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Kubernetes timestamps (RFC 3339 strings, with or without fractional seconds) turned into instants
 * and ages, and ages written the way {@code kubectl} shows them.
 */
final class Timestamps {

	private Timestamps() {
	}

	static @Nullable Instant parse(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.trim()).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** How long before {@code now} the timestamp lies; null when it is absent or unreadable. */
	static @Nullable Duration age(Instant now, @Nullable String value) {
		Instant instant = parse(value);
		return (instant != null) ? Duration.between(instant, now) : null;
	}

	/** {@code 3d4h}, {@code 2h13m}, {@code 45s}; negative durations get a leading minus. */
	static String human(Duration duration) {
		if (duration.isNegative()) {
			return "-" + human(duration.negated());
		}
		long seconds = duration.getSeconds();
		long days = seconds / 86400;
		long hours = (seconds % 86400) / 3600;
		long minutes = (seconds % 3600) / 60;
		if (days > 0) {
			return (hours > 0) ? days + "d" + hours + "h" : days + "d";
		}
		if (hours > 0) {
			return (minutes > 0) ? hours + "h" + minutes + "m" : hours + "h";
		}
		if (minutes > 0) {
			return minutes + "m";
		}
		return seconds + "s";
	}

}
