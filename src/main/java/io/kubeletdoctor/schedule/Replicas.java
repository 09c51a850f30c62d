package io.kubeletdoctor.schedule;

import java.util.HashSet;
import java.util.Set;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The replicas sharing the job store, as Quartz clustering sees them. Every scheduler instance
 * checks in to the scheduler-state table; when Quartz declares an instance dead it recovers that
 * instance's jobs and deletes its row in one transaction. A replica therefore counts as alive while
 * its row exists, and its claimed reports are handed back exactly when its drain job is.
 */
@Component
class Replicas {

	private final Scheduler scheduler;

	private final JdbcClient jdbc;

	private final String stateTable;

	Replicas(Scheduler scheduler, JdbcClient jdbc,
			@Value("${spring.quartz.properties.org.quartz.jobStore.tablePrefix:QRTZ_}") String tablePrefix) {
		this.scheduler = scheduler;
		this.jdbc = jdbc;
		this.stateTable = tablePrefix + "SCHEDULER_STATE";
	}

	/** This replica's scheduler instance id, the owner its drains claim reports as. */
	String self() {
		try {
			return this.scheduler.getSchedulerInstanceId();
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("The scheduler cannot tell its instance id", ex);
		}
	}

	/** The scheduler instances Quartz has not declared dead. */
	Set<String> alive() {
		try {
			return new HashSet<>(this.jdbc.sql("SELECT instance_name FROM " + this.stateTable + " WHERE sched_name = ?")
				.param(this.scheduler.getSchedulerName())
				.query(String.class)
				.list());
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("The scheduler cannot tell its name", ex);
		}
	}

}
