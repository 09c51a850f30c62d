package io.kubeletdoctor.schedule;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.kubeletdoctor.intake.ReportsQueued;
import io.kubeletdoctor.report.LogText;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Requests a drain of a cluster: one durable, recoverable job per cluster and at most one pending
 * trigger for it. When a drain is already waiting to run, it will see the new work, so nothing
 * else is scheduled; when one is running, the next trigger waits (blocked) behind it.
 * <p>
 * Newly queued reports start a drain on this replica at once ({@link LocalDrains}); the Quartz
 * trigger is requested as well, as the durable fallback that another replica runs when this one
 * dies first. It is requested on a thread of its own, so the webhook's answer never waits on
 * Quartz's job-store lock, and once for a burst of notifications.
 */
@Component
class DrainScheduler implements DisposableBean {

	static final String GROUP = "kubelet-doctor";

	private static final Logger logger = LoggerFactory.getLogger(DrainScheduler.class);

	private final Scheduler scheduler;

	private final LocalDrains drains;

	private final ThreadPoolTaskExecutor fallbacks = new ThreadPoolTaskExecutor();

	private final Set<String> fallbacksPending = ConcurrentHashMap.newKeySet();

	private final TransactionTemplate transaction;

	DrainScheduler(Scheduler scheduler, LocalDrains drains, PlatformTransactionManager transactions) {
		this.scheduler = scheduler;
		this.drains = drains;
		this.transaction = new TransactionTemplate(transactions);
		this.fallbacks.setThreadNamePrefix("drain-request-");
		this.fallbacks.setCorePoolSize(1);
		this.fallbacks.initialize();
	}

	@TransactionalEventListener
	void onReportsQueued(ReportsQueued event) {
		for (String cluster : event.clusters()) {
			this.drains.start(cluster);
			requestFallback(cluster);
		}
	}

	private void requestFallback(String cluster) {
		if (!this.fallbacksPending.add(cluster)) {
			return;
		}
		try {
			this.fallbacks.execute(() -> {
				this.fallbacksPending.remove(cluster);
				// one transaction, so Quartz's scheduler thread never reads a trigger half stored
				this.transaction.executeWithoutResult((status) -> request(cluster));
			});
		}
		catch (TaskRejectedException ex) {
			// shutting down: the sweep of another replica or of the next start requests it
			this.fallbacksPending.remove(cluster);
		}
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
			logger.warn("Could not schedule a drain of cluster {}: {}", LogText.escape(cluster),
					LogText.escape(ex.getMessage()));
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

	@Override
	public void destroy() {
		this.fallbacks.shutdown();
	}

}
