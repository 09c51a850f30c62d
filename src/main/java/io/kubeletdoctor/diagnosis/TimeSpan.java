package io.kubeletdoctor.diagnosis;

import java.time.Duration;
import java.time.Instant;

/**
 * Lengths of time in the words findings and pages use: seconds under two minutes (a Lease is stale
 * after 40), minutes under two hours, hours under three days, days under two years, then years.
 * One wording for evidence and pages, so a report reads the same everywhere.
 */
public final class TimeSpan {

	private TimeSpan() {
	}

	public static String of(Duration duration) {
		long seconds = duration.abs().getSeconds();
		if (seconds < 120) {
			return plural(seconds, "second");
		}
		long minutes = seconds / 60;
		if (minutes < 120) {
			return plural(minutes, "minute");
		}
		long hours = minutes / 60;
		if (hours < 72) {
			return plural(hours, "hour");
		}
		long days = hours / 24;
		if (days < 730) {
			return plural(days, "day");
		}
		return plural(days / 365, "year");
	}

	/** "3 days ago". */
	public static String ago(Duration age) {
		return of(age) + " ago";
	}

	/** "expired 3 days ago" or "expires in 41 hours"; a certificate is still valid at its NotAfter. */
	public static String expiry(Instant notAfter, Instant now) {
		Duration remaining = Duration.between(now, notAfter);
		return remaining.isNegative() ? "expired " + ago(remaining) : "expires in " + of(remaining);
	}

	private static String plural(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s");
	}

}
