package io.kubeletdoctor.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.function.IntSupplier;

import io.kubeletdoctor.report.ReportRetention;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Deletes what is past its retention, batch after batch until none is left, and counts it in
 * {@code kubelet_doctor_retention_deleted_total{kind}}. Reports go first so their notifications
 * become unreferenced in the same run.
 */
@Service
class Retention {

	private static final Logger logger = LoggerFactory.getLogger(Retention.class);

	private final ReportRetention store;

	private final RetentionProperties properties;

	private final Clock clock;

	private final Counter reports;

	private final Counter notifications;

	private final Counter rawBodies;

	Retention(ReportRetention store, RetentionProperties properties, MeterRegistry registry, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.reports = deleted(registry, "report");
		this.notifications = deleted(registry, "notification");
		this.rawBodies = deleted(registry, "raw_body");
	}

	private static Counter deleted(MeterRegistry registry, String kind) {
		return Counter.builder("kubelet.doctor.retention.deleted")
			.description("Rows removed by retention: reports, notifications, raw notification bodies")
			.tag("kind", kind)
			.register(registry);
	}

	void run() {
		Instant now = this.clock.instant();
		Instant reportCutoff = now.minus(this.properties.reports());
		Instant bodyCutoff = now.minus(this.properties.rawBodies());
		int batch = this.properties.batchSize();
		long reports = inBatches(() -> this.store.deleteReports(reportCutoff, batch), this.reports);
		long notifications = inBatches(() -> this.store.deleteNotifications(reportCutoff, batch), this.notifications);
		long bodies = inBatches(() -> this.store.dropRawBodies(bodyCutoff, batch), this.rawBodies);
		if (reports + notifications + bodies > 0) {
			logger.info("Retention deleted {} reports and {} notifications, dropped {} raw bodies", reports,
					notifications, bodies);
		}
	}

	/**
	 * Runs one batch after another, each its own transaction, until one finds nothing: a sweep
	 * becomes deletable only once a batch has taken the last of its node reports.
	 */
	private long inBatches(IntSupplier batch, Counter counter) {
		long total = 0;
		int done;
		do {
			done = batch.getAsInt();
			counter.increment(done);
			total += done;
		}
		while (done > 0);
		return total;
	}

}
