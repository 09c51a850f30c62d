package io.kubeletdoctor.schedule;

import io.kubeletdoctor.playbook.ReportDrainer;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Drains one cluster's queued reports. One job per cluster; {@link DisallowConcurrentExecution}
 * makes it one drain at a time per cluster across every replica sharing the job store.
 */
@DisallowConcurrentExecution
class DrainClusterJob extends QuartzJobBean {

	static final String CLUSTER = "cluster";

	private final ReportDrainer drainer;

	DrainClusterJob(ReportDrainer drainer) {
		this.drainer = drainer;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		this.drainer.drain(context.getMergedJobDataMap().getString(CLUSTER));
	}

}
