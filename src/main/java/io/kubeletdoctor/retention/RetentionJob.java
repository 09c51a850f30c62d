package io.kubeletdoctor.retention;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import org.springframework.scheduling.quartz.QuartzJobBean;

/** Periodically deletes what is past its retention; clustered, so one replica runs it at a time. */
@DisallowConcurrentExecution
class RetentionJob extends QuartzJobBean {

	private final Retention retention;

	RetentionJob(Retention retention) {
		this.retention = retention;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		this.retention.run();
	}

}
