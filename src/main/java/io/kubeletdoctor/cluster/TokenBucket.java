package io.kubeletdoctor.cluster;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket kept as the time its next token is due (the "virtual scheduling" form of the
 * generic cell rate algorithm), so it needs no refill thread. Callers reserve a token and are told
 * how long to wait for it; the waiting happens outside the lock, so a slow caller never holds up
 * the others. A pause asked for by the API server (Retry-After) holds every token until it ends.
 */
final class TokenBucket {

	private final long intervalNanos;

	private final long toleranceNanos;

	private final long maxWaitNanos;

	private final LongSupplier ticker;

	private final long origin;

	/** When the next token is due if requests came at exactly the configured rate (relative to origin). */
	private long nextDue;

	private long pausedUntil;

	/** @param ticker monotonic nanoseconds, {@link System#nanoTime()} outside tests */
	TokenBucket(RateLimit limit, LongSupplier ticker) {
		this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / limit.requestsPerSecond()));
		this.toleranceNanos = (limit.burst() - 1) * this.intervalNanos;
		this.maxWaitNanos = limit.maxWait().toNanos();
		this.ticker = ticker;
		this.origin = ticker.getAsLong();
	}

	/**
	 * Takes the next token when it is due within the bounded wait; nothing is taken otherwise, so a
	 * refused caller does not delay the ones after it.
	 */
	synchronized Reservation reserve() {
		long now = now();
		long earliest = Math.max(now, this.pausedUntil);
		long due = Math.max(this.nextDue, earliest);
		long grantedAt = Math.max(earliest, due - this.toleranceNanos);
		long wait = grantedAt - now;
		if (wait > this.maxWaitNanos) {
			return new Reservation(false, wait);
		}
		this.nextDue = due + this.intervalNanos;
		return new Reservation(true, wait);
	}

	/** No token is handed out before {@code pause} from now, nor before an earlier pause ends. */
	synchronized void pause(Duration pause) {
		long until = now() + Math.max(0, pause.toNanos());
		this.pausedUntil = Math.max(this.pausedUntil, until);
	}

	private long now() {
		return this.ticker.getAsLong() - this.origin;
	}

	/** Whether a token was taken, and how long its holder must wait (or would have had to). */
	record Reservation(boolean granted, long waitNanos) {
	}

}
