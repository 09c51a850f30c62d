package io.kubeletdoctor.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A monotonic clock that only moves when someone "sleeps" on it, keeping every sleep it was asked for. */
final class FakeTime implements ApiThrottle.Sleeper {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	long nanos() {
		return this.nanos.get();
	}

	@Override
	public void sleep(long nanos) {
		this.sleeps.add(Duration.ofNanos(nanos));
		this.nanos.addAndGet(nanos);
	}

	List<Duration> sleeps() {
		return this.sleeps;
	}

	Duration slept() {
		return this.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
	}

	ApiThrottle throttle(RateLimit limit, int maxRetries) {
		return throttle(limit, maxRetries, new SimpleMeterRegistry());
	}

	ApiThrottle throttle(RateLimit limit, int maxRetries, MeterRegistry registry) {
		return new ApiThrottle(limit, maxRetries, Duration.ofMillis(100), this::nanos, this, registry);
	}

}
