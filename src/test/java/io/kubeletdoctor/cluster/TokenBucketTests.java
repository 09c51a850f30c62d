package io.kubeletdoctor.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bucket against a hand-driven clock: nothing here sleeps. */
class TokenBucketTests {

	private static final long MS = 1_000_000;

	private final AtomicLong nanos = new AtomicLong(123_456_789);

	@Test
	void aFullBucketLetsTheBurstThroughThenOneRequestPerInterval() {
		TokenBucket bucket = new TokenBucket(new RateLimit(10, 20), this.nanos::get);

		List<Long> waits = reserve(bucket, 23);

		assertThat(waits.subList(0, 20)).containsOnly(0L);
		assertThat(waits.subList(20, 23)).containsExactly(100 * MS, 200 * MS, 300 * MS);
	}

	@Test
	void tokensComeBackAtTheRateButNeverBeyondTheBurst() {
		TokenBucket bucket = new TokenBucket(new RateLimit(10, 5), this.nanos::get);
		reserve(bucket, 5);

		advance(Duration.ofMillis(300));
		assertThat(reserve(bucket, 4)).containsExactly(0L, 0L, 0L, 100 * MS);

		advance(Duration.ofHours(1));
		List<Long> afterIdle = reserve(bucket, 6);
		assertThat(afterIdle.subList(0, 5)).containsOnly(0L);
		assertThat(afterIdle.get(5)).isEqualTo(100 * MS);
	}

	@Test
	void aWaitBeyondTheBoundIsRefusedAndTakesNoToken() {
		TokenBucket bucket = new TokenBucket(new RateLimit(10, 1, Duration.ofMillis(250)), this.nanos::get);

		assertThat(reserve(bucket, 3)).containsExactly(0L, 100 * MS, 200 * MS);
		TokenBucket.Reservation refused = bucket.reserve();
		assertThat(refused.granted()).isFalse();
		assertThat(refused.waitNanos()).isEqualTo(300 * MS);
		assertThat(bucket.reserve()).as("the refusal took nothing").isEqualTo(refused);

		advance(Duration.ofMillis(100));
		TokenBucket.Reservation later = bucket.reserve();
		assertThat(later.granted()).isTrue();
		assertThat(later.waitNanos()).isEqualTo(200 * MS);
	}

	@Test
	void aPauseHoldsEveryTokenUntilItEnds() {
		TokenBucket bucket = new TokenBucket(new RateLimit(10, 20, Duration.ofSeconds(5)), this.nanos::get);

		bucket.pause(Duration.ofSeconds(2));
		bucket.pause(Duration.ofSeconds(1));

		assertThat(bucket.reserve().waitNanos()).as("a shorter pause does not cut a longer one")
			.isEqualTo(2_000 * MS);
		advance(Duration.ofMillis(1500));
		assertThat(bucket.reserve().waitNanos()).isEqualTo(500 * MS);
		advance(Duration.ofMillis(500));
		assertThat(bucket.reserve().waitNanos()).isZero();
	}

	@Test
	void aPauseLongerThanTheBoundRefusesRequests() {
		TokenBucket bucket = new TokenBucket(new RateLimit(10, 20, Duration.ofSeconds(1)), this.nanos::get);

		bucket.pause(Duration.ofSeconds(30));

		assertThat(bucket.reserve().granted()).isFalse();
	}

	@Test
	void concurrentCallersGetDistinctSlots() throws InterruptedException {
		TokenBucket bucket = new TokenBucket(new RateLimit(10, 20, Duration.ofHours(1)), this.nanos::get);
		List<Long> waits = Collections.synchronizedList(new ArrayList<>());
		ExecutorService threads = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		for (int t = 0; t < 8; t++) {
			threads.execute(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				for (int i = 0; i < 50; i++) {
					waits.add(bucket.reserve().waitNanos());
				}
			});
		}
		start.countDown();
		threads.shutdown();
		assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		List<Long> expected = new ArrayList<>(Collections.nCopies(20, 0L));
		for (int slot = 1; slot <= 380; slot++) {
			expected.add(slot * 100 * MS);
		}
		assertThat(waits).containsExactlyInAnyOrderElementsOf(expected);
	}

	private List<Long> reserve(TokenBucket bucket, int count) {
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			TokenBucket.Reservation reservation = bucket.reserve();
			assertThat(reservation.granted()).isTrue();
			waits.add(reservation.waitNanos());
		}
		return waits;
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
