package io.kubeletdoctor.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Drains one cluster's queued reports. One job per cluster; {@link DisallowConcurrentExecution}
 * makes it one drain at a time per cluster across every replica sharing the job store. The job
 * requests recovery: when the replica running it dies, Quartz runs it again on another one, which
 * first hands back the reports the dead replica had claimed. On this replica it waits for a drain of
 * the cluster started right after a commit ({@link LocalDrains}), usually finding the queue empty.
 */
@DisallowConcurrentExecution
class DrainClusterJob extends QuartzJobBean {

	static final String CLUSTER = "cluster";

	private final LocalDrains drains;

	private final QueueSweeper sweeper;

	DrainClusterJob(LocalDrains drains, QueueSweeper sweeper) {
		this.drains = drains;
		this.sweeper = sweeper;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		if (context.isRecovering()) {
			this.sweeper.handBackOrphans();
		}
		this.drains.drainHere(context.getMergedJobDataMap().getString(CLUSTER));
	}

}
