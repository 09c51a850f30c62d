package io.kubeletdoctor.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.kubeletdoctor.playbook.ReportDrainer;
import io.kubeletdoctor.report.ReportQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Hands back reports left RUNNING by a run that died and requests a drain for every cluster with
 * queued work, so nothing waits on a lost trigger. Work of a replica Quartz declared dead (a
 * killed pod) is handed back at once; work whose run stopped in a live replica after
 * {@code kubelet-doctor.work.stale-after}. The drainer writes the hand-backs; this decides when.
 */
@Component
class QueueSweeper {

	private static final Logger logger = LoggerFactory.getLogger(QueueSweeper.class);

	/** Claims younger than this are never judged orphaned: replicas' clocks may differ a little. */
	private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

	private final ReportQueue queue;

	private final ReportDrainer drainer;

	private final DrainScheduler scheduler;

	private final Replicas replicas;

	private final Clock clock;

	private final WorkProperties work;

	QueueSweeper(ReportQueue queue, ReportDrainer drainer, DrainScheduler scheduler, Replicas replicas, Clock clock,
			WorkProperties work) {
		this.queue = queue;
		this.drainer = drainer;
		this.scheduler = scheduler;
		this.replicas = replicas;
		this.clock = clock;
		this.work = work;
	}

	void sweep() {
		handBackOrphans();
		int requeued = this.drainer.handBackStale(this.work.staleAfter(), this.work.maxAttempts());
		if (requeued > 0) {
			logger.info("Re-queued {} reports whose run stopped without finishing", requeued);
		}
		this.queue.clustersWithQueuedReports().forEach(this.scheduler::request);
	}

	/** Hands back the reports claimed by replicas Quartz no longer counts as alive. */
	int handBackOrphans() {
		Instant readAt = this.clock.instant();
		Set<String> alive = this.replicas.alive();
		if (!alive.contains(this.replicas.self())) {
			// not checked in (database trouble, or not clustered): this replica cannot judge the others
			return 0;
		}
		int requeued = this.drainer.handBackOrphaned(alive, readAt.minus(CLOCK_TOLERANCE), this.work.maxAttempts());
		if (requeued > 0) {
			logger.info("Re-queued {} reports claimed by a replica that is gone", requeued);
		}
		return requeued;
	}

}
