package io.kubeletdoctor.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * The one precision alert times are kept and compared at: microseconds, which both H2 and
 * PostgreSQL store. Alertmanager is written in Go and sends nanoseconds
 * ({@code 2026-12-01T18:31:41.717617512Z}); both databases round those half up when they store
 * them, so rounding the same way here makes a redelivered alert's key equal to the stored one,
 * rows written before this rule included.
 */
public final class AlertTimes {

	private static final long HALF_A_MICROSECOND = 500;

	private AlertTimes() {
	}

	public static Instant stored(Instant time) {
		Instant micros = time.truncatedTo(ChronoUnit.MICROS);
		return (time.getNano() % 1000 >= HALF_A_MICROSECOND) ? micros.plus(1, ChronoUnit.MICROS) : micros;
	}

	public static @Nullable Instant storedOrNull(@Nullable Instant time) {
		return (time != null) ? stored(time) : null;
	}

}
