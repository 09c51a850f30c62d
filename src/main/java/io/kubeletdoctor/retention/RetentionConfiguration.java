package io.kubeletdoctor.retention;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

	static final String GROUP = "kubelet-doctor";

	@Bean
	JobDetail retentionJob() {
		return JobBuilder.newJob(RetentionJob.class)
			.withIdentity("retention", GROUP)
			.withDescription("Delete reports and notifications past kubelet-doctor.retention.*")
			.storeDurably()
			.build();
	}

	@Bean
	Trigger retentionTrigger(JobDetail retentionJob, RetentionProperties retention) {
		return TriggerBuilder.newTrigger()
			.forJob(retentionJob)
			.withIdentity("retention", GROUP)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(retention.interval().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

}
