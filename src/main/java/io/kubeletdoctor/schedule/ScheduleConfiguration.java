package io.kubeletdoctor.schedule;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

	@Bean
	JobDetail sweepJob() {
		return JobBuilder.newJob(SweepJob.class)
			.withIdentity("sweep", DrainScheduler.GROUP)
			.withDescription("Re-queue reports whose run died; request drains of queued work")
			.storeDurably()
			.build();
	}

	@Bean
	Trigger sweepTrigger(JobDetail sweepJob, WorkProperties work) {
		return TriggerBuilder.newTrigger()
			.forJob(sweepJob)
			.withIdentity("sweep", DrainScheduler.GROUP)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(work.sweepInterval().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

}
