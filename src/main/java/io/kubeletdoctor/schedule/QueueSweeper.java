package io.kubeletdoctor.schedule;

import java.time.Duration;

import io.kubeletdoctor.report.ReportStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Re-queues reports left RUNNING by a run that died (a killed replica, a crash) and requests a
 * drain for every cluster with queued work, so nothing waits on a lost trigger.
 */
@Component
class QueueSweeper {

	private static final Logger logger = LoggerFactory.getLogger(QueueSweeper.class);

	private final ReportStore store;

	private final DrainScheduler scheduler;

	private final Duration staleAfter;

	private final int maxAttempts;

	QueueSweeper(ReportStore store, DrainScheduler scheduler,
			@Value("${kubelet-doctor.work.stale-after:5m}") Duration staleAfter,
			@Value("${kubelet-doctor.work.max-attempts:3}") int maxAttempts) {
		this.store = store;
		this.scheduler = scheduler;
		this.staleAfter = staleAfter;
		this.maxAttempts = maxAttempts;
	}

	void sweep() {
		int requeued = this.store.requeueStale(this.staleAfter, this.maxAttempts);
		if (requeued > 0) {
			logger.info("Re-queued {} reports whose run stopped without finishing", requeued);
		}
		this.store.clustersWithQueuedReports().forEach(this.scheduler::request);
	}

}
