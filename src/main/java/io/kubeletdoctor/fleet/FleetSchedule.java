package io.kubeletdoctor.fleet;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the one cron trigger of the fleet scan in the clustered job store. A trigger declared as a
 * bean is replaced by every replica that starts, with a first firing computed from when the bean
 * was built: a cron instant that passed while that replica started fires again at once. So the
 * trigger is left alone when it already has the configured schedule, and only created, changed or
 * removed ({@code -}) when the schedule differs.
 */
@Component
class FleetSchedule {

	static final TriggerKey TRIGGER = TriggerKey.triggerKey("fleet-scan", FleetConfiguration.JOB.getGroup());

	private static final Logger logger = LoggerFactory.getLogger(FleetSchedule.class);

	private final Scheduler scheduler;

	private final FleetProperties properties;

	private final TransactionTemplate transaction;

	FleetSchedule(Scheduler scheduler, FleetProperties properties, PlatformTransactionManager transactions) {
		this.scheduler = scheduler;
		this.properties = properties;
		this.transaction = new TransactionTemplate(transactions);
	}

	@EventListener(ApplicationReadyEvent.class)
	void apply() {
		try {
			this.transaction.executeWithoutResult((status) -> {
				try {
					reconcile();
				}
				catch (SchedulerException ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
		catch (IllegalStateException ex) {
			// another replica stored the same trigger at the same moment
			if (!(ex.getCause() instanceof ObjectAlreadyExistsException)) {
				throw ex;
			}
		}
	}

	private void reconcile() throws SchedulerException {
		Trigger existing = this.scheduler.getTrigger(TRIGGER);
		if (!this.properties.scheduled()) {
			if (existing != null) {
				this.scheduler.unscheduleJob(TRIGGER);
				logger.info("Fleet scan schedule removed");
			}
			return;
		}
		String cron = this.properties.schedule().strip();
		if (existing instanceof CronTrigger current && cron.equals(current.getCronExpression())) {
			return;
		}
		Trigger trigger = TriggerBuilder.newTrigger()
			.forJob(FleetConfiguration.JOB)
			.withIdentity(TRIGGER)
			.withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
			.build();
		if (existing == null) {
			this.scheduler.scheduleJob(trigger);
		}
		else {
			this.scheduler.rescheduleJob(TRIGGER, trigger);
		}
		logger.info("Fleet scan scheduled: {}", cron);
	}

}
