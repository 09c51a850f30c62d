package io.kubeletdoctor.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import org.springframework.scheduling.quartz.QuartzJobBean;

/** Periodically hands back work whose run died and makes sure every queue has a drain. */
@DisallowConcurrentExecution
class SweepJob extends QuartzJobBean {

	private final QueueSweeper sweeper;

	SweepJob(QueueSweeper sweeper) {
		this.sweeper = sweeper;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		this.sweeper.sweep();
	}

}
