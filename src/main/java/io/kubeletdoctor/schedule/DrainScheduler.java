package io.kubeletdoctor.schedule;

import io.kubeletdoctor.intake.ReportsQueued;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.Trigger.TriggerState;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Requests a drain of a cluster: one durable, recoverable job per cluster and at most one pending
 * trigger for it. When a drain is already waiting to run, it will see the new work, so nothing
 * else is scheduled; when one is running, the next trigger waits (blocked) behind it.
 */
@Component
class DrainScheduler {

	static final String GROUP = "kubelet-doctor";

	private static final Logger logger = LoggerFactory.getLogger(DrainScheduler.class);

	private final Scheduler scheduler;

	DrainScheduler(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	@TransactionalEventListener
	void onReportsQueued(ReportsQueued event) {
		event.clusters().forEach(this::request);
	}

	void request(String cluster) {
		try {
			JobKey job = JobKey.jobKey("drain-" + cluster, GROUP);
			if (!this.scheduler.checkExists(job)) {
				addJob(job, cluster);
			}
			TriggerKey key = TriggerKey.triggerKey("drain-" + cluster + "-next", GROUP);
			TriggerState state = this.scheduler.getTriggerState(key);
			if (state == TriggerState.NORMAL || state == TriggerState.BLOCKED) {
				return;
			}
			Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(job).startNow().build();
			if (state == TriggerState.NONE) {
				this.scheduler.scheduleJob(trigger);
			}
			else {
				this.scheduler.rescheduleJob(key, trigger);
			}
		}
		catch (ObjectAlreadyExistsException ex) {
			// another replica requested the same drain at the same moment
		}
		catch (SchedulerException ex) {
			// The sweep job requests drains for queued work again shortly.
			logger.warn("Could not schedule a drain of cluster {}: {}", cluster, ex.getMessage());
		}
	}

	private void addJob(JobKey key, String cluster) throws SchedulerException {
		JobDetail job = JobBuilder.newJob(DrainClusterJob.class)
			.withIdentity(key)
			.withDescription("Diagnose the queued reports of cluster " + cluster)
			.usingJobData(DrainClusterJob.CLUSTER, cluster)
			.storeDurably()
			.requestRecovery()
			.build();
		try {
			this.scheduler.addJob(job, false);
		}
		catch (ObjectAlreadyExistsException ex) {
			// added by another replica in between
		}
	}

}
