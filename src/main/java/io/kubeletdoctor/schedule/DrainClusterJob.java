package io.kubeletdoctor.schedule;

import io.kubeletdoctor.playbook.ReportDrainer;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Drains one cluster's queued reports. One job per cluster; {@link DisallowConcurrentExecution}
 * makes it one drain at a time per cluster across every replica sharing the job store. The job
 * requests recovery: when the replica running it dies, Quartz runs it again on another one, which
 * first hands back the reports the dead replica had claimed.
 */
@DisallowConcurrentExecution
class DrainClusterJob extends QuartzJobBean {

	static final String CLUSTER = "cluster";

	private final ReportDrainer drainer;

	private final QueueSweeper sweeper;

	private final Replicas replicas;

	DrainClusterJob(ReportDrainer drainer, QueueSweeper sweeper, Replicas replicas) {
		this.drainer = drainer;
		this.sweeper = sweeper;
		this.replicas = replicas;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		if (context.isRecovering()) {
			this.sweeper.handBackOrphans();
		}
		this.drainer.drain(context.getMergedJobDataMap().getString(CLUSTER), this.replicas.self());
	}

}
