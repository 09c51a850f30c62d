package io.kubeletdoctor.fleet;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clustered fleet scan job, and its cron trigger unless the schedule is {@code -}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FleetProperties.class)
class FleetConfiguration {

	static final JobKey JOB = JobKey.jobKey("fleet-scan", "kubelet-doctor");

	@Bean
	JobDetail fleetScanJob() {
		return JobBuilder.newJob(FleetScanJob.class)
			.withIdentity(JOB)
			.withDescription("Scan every node's kubelet certificates (kubelet-doctor.fleet.schedule)")
			.storeDurably()
			.build();
	}

	@Bean
	@ConditionalOnExpression("'${kubelet-doctor.fleet.schedule:" + FleetProperties.HOURLY + "}'.trim() != '"
			+ FleetProperties.OFF + "'")
	Trigger fleetScanTrigger(JobDetail fleetScanJob, FleetProperties fleet) {
		return TriggerBuilder.newTrigger()
			.forJob(fleetScanJob)
			.withIdentity("fleet-scan", JOB.getGroup())
			.withSchedule(CronScheduleBuilder.cronSchedule(fleet.schedule().strip())
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
	}

}
