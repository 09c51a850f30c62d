package io.kubeletdoctor.fleet;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import org.springframework.scheduling.quartz.QuartzJobBean;

/** The scheduled and on-demand fleet scan; clustered, so one replica runs it at a time. */
@DisallowConcurrentExecution
class FleetScanJob extends QuartzJobBean {

	private final FleetScanRun run;

	FleetScanJob(FleetScanRun run) {
		this.run = run;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		this.run.scanAll();
	}

}
