package io.kubeletdoctor.intake;

import java.util.function.LongSupplier;

/**
 * The queue's room for the reports of one notification. The cap counts reports, not requests: one
 * notification naming thousands of nodes takes thousands of places, so each report it opens takes
 * one, and the queued reports are counted once, when the first is about to open.
 */
final class QueueRoom {

	private final LongSupplier queuedCount;

	private final long maxQueued;

	private long queued = -1;

	QueueRoom(LongSupplier queuedCount, long maxQueued) {
		this.queuedCount = queuedCount;
		this.maxQueued = maxQueued;
	}

	/** Takes a place for one more report, or refuses the whole notification while the queue is full. */
	void take() {
		if (this.queued < 0) {
			this.queued = this.queuedCount.getAsLong();
		}
		if (this.queued >= this.maxQueued) {
			throw new IntakeUnavailableException("The diagnosis queue is full (" + this.queued
					+ " reports queued with this notification's, kubelet-doctor.webhook.max-queued-reports); retry later");
		}
		this.queued++;
	}

}
