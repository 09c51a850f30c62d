package io.kubeletdoctor.fleet;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a scan now, as the clustered job: whichever replica picks it up, and never two at once
 * (a request while a scan runs waits behind it).
 */
@Component
public class FleetScanRequests {

	private final Scheduler scheduler;

	private final TransactionTemplate transaction;

	private final FleetProperties properties;

	FleetScanRequests(Scheduler scheduler, PlatformTransactionManager transactions, FleetProperties properties) {
		this.scheduler = scheduler;
		this.transaction = new TransactionTemplate(transactions);
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void scanAtStart() {
		if (this.properties.scanAtStart()) {
			requestScan();
		}
	}

	public void requestScan() {
		this.transaction.executeWithoutResult((status) -> {
			try {
				this.scheduler.triggerJob(FleetConfiguration.JOB);
			}
			catch (SchedulerException ex) {
				throw new IllegalStateException("the fleet scan could not be requested", ex);
			}
		});
	}

}
