package io.kubeletdoctor.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerKey;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The retention job as the service registers it: durable, one run at a time, fired by Quartz. */
@SpringBootTest(properties = "kubelet-doctor.retention.interval=6h")
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class RetentionJobTests {

	private static final JobKey JOB = JobKey.jobKey("retention", RetentionConfiguration.GROUP);

	@Autowired
	Scheduler scheduler;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry registry;

	@Test
	void jobIsDurableNonConcurrentAndTriggeredEveryInterval() throws SchedulerException {
		JobDetail job = this.scheduler.getJobDetail(JOB);
		assertThat(job.isDurable()).isTrue();
		assertThat(job.isConcurrentExecutionDisallowed()).isTrue();
		SimpleTrigger trigger = (SimpleTrigger) this.scheduler
			.getTrigger(TriggerKey.triggerKey("retention", RetentionConfiguration.GROUP));
		assertThat(trigger.getJobKey()).isEqualTo(JOB);
		assertThat(trigger.getRepeatInterval()).isEqualTo(Duration.ofHours(6).toMillis());
	}

	@Test
	void firedByQuartzItDeletesAnOldReportAndKeepsTheNodesNewest() throws SchedulerException {
		Instant old = Instant.now().minus(Duration.ofDays(40));
		String older = finishedReport("worker-retained", old);
		String newest = finishedReport("worker-retained", old.plusSeconds(60));

		this.scheduler.triggerJob(JOB);

		await().atMost(Duration.ofSeconds(30)).until(() -> !exists(older));
		assertThat(exists(newest)).isTrue();
		assertThat(this.registry.get("kubelet.doctor.retention.deleted").tag("kind", "report").counter().count())
			.isGreaterThanOrEqualTo(1);
	}

	private String finishedReport(String node, Instant createdAt) {
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("""
				INSERT INTO report (id, cluster, node, scope, status, alert_status, created_at)
				VALUES (?, 'retention-test', ?, 'NODE', 'COMPLETED', 'RESOLVED', ?)""")
			.params(id, node, createdAt.atOffset(ZoneOffset.UTC))
			.update();
		return id;
	}

	private boolean exists(String id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM report WHERE id = ?").param(id).query(Long.class).single() == 1;
	}

}
