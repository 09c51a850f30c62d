package io.kubeletdoctor.step;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Kubernetes timestamps (RFC 3339 strings, with or without fractional seconds) turned into instants
 * and ages. Ages are worded by {@link io.kubeletdoctor.diagnosis.TimeSpan}, as everywhere else.
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

	/** Whole seconds, as the step facts store ages; null stays null. */
	static @Nullable Long seconds(@Nullable Duration duration) {
		return (duration != null) ? duration.getSeconds() : null;
	}

}
