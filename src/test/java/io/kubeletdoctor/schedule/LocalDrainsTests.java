package io.kubeletdoctor.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalDrainsTests {

	/** A cluster's queue: a drain takes items until it finds none, as the report drainer does. */
	private final ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicInteger mostAtOnce = new AtomicInteger();

	private final AtomicInteger drained = new AtomicInteger();

	private void drain(String cluster) {
		this.mostAtOnce.accumulateAndGet(this.running.incrementAndGet(), Math::max);
		try {
			while (this.queue.poll() != null) {
				this.drained.incrementAndGet();
			}
			// between the last look at the queue and the end of the drain: where a request gets lost
			LockSupport.parkNanos(1_000_000);
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	@Test
	void everyItemQueuedBeforeAStartIsDrainedWithOneDrainOfTheClusterAtATime() throws Exception {
		LocalDrains drains = new LocalDrains(this::drain, () -> true);
		ExecutorService intake = Executors.newFixedThreadPool(3);
		int items = 0;
		for (int round = 0; round < 200; round++) {
			CountDownLatch gate = new CountDownLatch(1);
			List<Future<?>> posts = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				int item = items++;
				posts.add(intake.submit(() -> {
					await(gate);
					this.queue.add(item);
					drains.start("c");
				}));
			}
			gate.countDown();
			for (Future<?> post : posts) {
				post.get(10, TimeUnit.SECONDS);
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
			while (!this.queue.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
			assertThat(this.queue).as("left queued after round %d", round).isEmpty();
		}
		intake.shutdown();
		drains.destroy();
		assertThat(this.drained).hasValue(items);
		assertThat(this.mostAtOnce).hasValue(1);
	}

	@Test
	void theQuartzDrainWaitsForTheLocalDrainOfTheCluster() throws Exception {
		CountDownLatch localStarted = new CountDownLatch(1);
		CountDownLatch releaseLocal = new CountDownLatch(1);
		AtomicBoolean overlapped = new AtomicBoolean();
		AtomicInteger runs = new AtomicInteger();
		LocalDrains drains = new LocalDrains((cluster) -> {
			if (this.running.incrementAndGet() > 1) {
				overlapped.set(true);
			}
			if (runs.incrementAndGet() == 1) {
				localStarted.countDown();
				await(releaseLocal);
			}
			this.running.decrementAndGet();
		}, () -> true);
		drains.start("c");
		assertThat(localStarted.await(10, TimeUnit.SECONDS)).isTrue();
		Thread quartz = new Thread(() -> drains.drainHere("c"));
		quartz.start();
		quartz.join(200);
		assertThat(quartz.isAlive()).isTrue();
		releaseLocal.countDown();
		quartz.join(10_000);
		assertThat(quartz.isAlive()).isFalse();
		assertThat(runs).hasValue(2);
		assertThat(overlapped).isFalse();
		drains.destroy();
	}

	@Test
	void nothingStartsWhileTheSchedulerIsNotRunning() {
		LocalDrains drains = new LocalDrains(this::drain, () -> false);
		this.queue.add(1);
		drains.start("c");
		drains.destroy();
		assertThat(this.queue).containsExactly(1);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
