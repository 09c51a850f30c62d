package io.kubeletdoctor.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Timeouts, retries with backoff, final answers and the bound on waiting work. */
class DeliveriesTests {

	private final RecordingReceiver receiver = RecordingReceiver.start();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private Deliveries deliveries = deliveries(3, Duration.ofSeconds(2), 100);

	@AfterEach
	void stop() {
		this.deliveries.close();
		this.receiver.close();
	}

	@Test
	void failingEndpointIsRetriedUntilItAccepts() {
		this.receiver.answer("/flaky", 500);
		this.deliveries.deliver(route("/flaky"), "r1", "{\"n\":1}");

		await().atMost(Duration.ofSeconds(5)).until(() -> this.deliveries.pending() == 0);
		List<RecordingReceiver.Received> requests = this.receiver.received("/flaky");
		assertThat(requests).hasSize(2).allSatisfy((request) -> assertThat(request.body()).isEqualTo("{\"n\":1}"));
		assertThat(Duration.ofNanos(requests.get(1).nanos() - requests.get(0).nanos()))
			.as("the retry waits for the backoff").isGreaterThanOrEqualTo(Duration.ofMillis(50));
	}

	@Test
	void retriesStopAfterMaxAttemptsWithDoublingBackoff() {
		this.receiver.answer("/down", 503, 502, 500, 500, 500);
		this.deliveries.deliver(route("/down"), "r2", "{}");

		await().atMost(Duration.ofSeconds(5)).until(() -> this.deliveries.pending() == 0);
		List<RecordingReceiver.Received> requests = this.receiver.received("/down");
		assertThat(requests).hasSize(3);
		assertThat(Duration.ofNanos(requests.get(2).nanos() - requests.get(1).nanos()))
			.as("second backoff is twice the first").isGreaterThanOrEqualTo(Duration.ofMillis(100));
	}

	@Test
	void outcomesAreCounted() {
		this.receiver.answer("/gone", 404);
		this.deliveries.deliver(route("/ok"), "r5", "{}");
		this.deliveries.deliver(route("/gone"), "r6", "{}");

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(count("test/ok", "delivered")).isEqualTo(1);
			assertThat(count("test/gone", "rejected")).isEqualTo(1);
		});
	}

	@Test
	void clientErrorIsFinal() {
		this.receiver.answer("/gone", 404);
		this.deliveries.deliver(route("/gone"), "r3", "{}");

		await().atMost(Duration.ofSeconds(5)).until(() -> this.deliveries.pending() == 0);
		sleep(200);
		assertThat(this.receiver.received("/gone")).hasSize(1);
	}

	@Test
	void tooManyRequestsWaitsForRetryAfter() {
		this.receiver.answer("/limited", 429, Map.of("Retry-After", "1"));
		this.deliveries.deliver(route("/limited"), "r4", "{}");

		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.received("/limited").size() == 2);
		List<RecordingReceiver.Received> requests = this.receiver.received("/limited");
		assertThat(Duration.ofNanos(requests.get(1).nanos() - requests.get(0).nanos()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void slowEndpointTimesOutAndIsRetried() {
		this.deliveries.close();
		this.deliveries = deliveries(2, Duration.ofMillis(300), 100);
		this.receiver.delay("/slow", Duration.ofSeconds(2));
		long start = System.nanoTime();
		this.deliveries.deliver(route("/slow"), "r5", "{}");

		await().atMost(Duration.ofSeconds(5)).until(() -> this.deliveries.pending() == 0);
		assertThat(this.receiver.received("/slow")).hasSize(2);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("gave up without waiting for the answers")
			.isLessThan(Duration.ofMillis(1900));
	}

	@Test
	void unreachableEndpointNeverThrowsToTheCaller() {
		NotificationRoute closed = new NotificationRoute("closed", SinkType.WEBHOOK, URI.create("http://127.0.0.1:1/x"),
				Set.of(), Set.of(), Set.of(), Map.of());
		this.deliveries.deliver(closed, "r6", "{}");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.deliveries.pending() == 0);
	}

	@Test
	void workBeyondTheCapacityIsDroppedInsteadOfQueued() throws InterruptedException {
		this.deliveries.close();
		this.deliveries = deliveries(1, Duration.ofSeconds(2), 2);
		CountDownLatch release = new CountDownLatch(1);
		assertThat(this.deliveries.submit(() -> hold(release))).isTrue();
		assertThat(this.deliveries.submit(() -> hold(release))).isTrue();
		assertThat(this.deliveries.submit(() -> hold(release))).as("a third piece of work waits for nobody")
			.isFalse();
		this.deliveries.deliver(route("/dropped"), "r7", "{}");
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.deliveries.pending() == 0);
		assertThat(this.deliveries.submit(() -> {
		})).as("room again once the work is done").isTrue();
		sleep(200);
		assertThat(this.receiver.received("/dropped")).isEmpty();
	}

	private double count(String route, String outcome) {
		var counter = this.registry.find("kubelet.doctor.chat.messages").tags("route", route, "outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private NotificationRoute route(String path) {
		return new NotificationRoute("test" + path, SinkType.WEBHOOK, URI.create(this.receiver.url(path)), Set.of(),
				Set.of(), Set.of(), Map.of());
	}

	private Deliveries deliveries(int maxAttempts, Duration timeout, int capacity) {
		return new Deliveries(new NotifyProperties(List.of(), timeout, maxAttempts, Duration.ofMillis(50), capacity),
				this.registry);
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
