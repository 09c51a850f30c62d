package io.kubeletdoctor.fleet;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clustered fleet scan job; {@link FleetSchedule} keeps its cron trigger. */
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

}
