package io.kubeletdoctor.intake;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The queue cap counts the reports a notification would open, not the notification. */
class QueueRoomTests {

	private final AtomicInteger counts = new AtomicInteger();

	@Test
	void eachReportTakesAPlaceSoALargeNotificationIsRefusedWhereASmallOneFits() {
		QueueRoom room = room(8, 10);
		room.take();
		room.take();
		assertThatExceptionOfType(IntakeUnavailableException.class).isThrownBy(room::take)
			.withMessageContaining("10 reports queued")
			.withMessageContaining("kubelet-doctor.webhook.max-queued-reports");
		assertThat(this.counts).as("queued reports counted once per notification").hasValue(1);
	}

	@Test
	void aNotificationThatOpensNothingNeverCountsTheQueue() {
		room(10, 10);
		assertThat(this.counts).hasValue(0);
	}

	@Test
	void aFullQueueRefusesTheFirstReport() {
		assertThatExceptionOfType(IntakeUnavailableException.class).isThrownBy(room(10, 10)::take);
	}

	private QueueRoom room(long queued, long max) {
		return new QueueRoom(() -> {
			this.counts.incrementAndGet();
			return queued;
		}, max);
	}

}
