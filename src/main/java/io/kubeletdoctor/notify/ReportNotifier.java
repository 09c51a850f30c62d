package io.kubeletdoctor.notify;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kubeletdoctor.intake.ReportResolved;
import io.kubeletdoctor.playbook.ReportCompleted;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportStatus;
import io.kubeletdoctor.report.Reports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns report events into messages: one per matching route when a report completes, and a
 * follow-up to the same routes when its alert resolves. Duplicate deliveries and the node reports
 * a sweep opens publish no event, so they send nothing. The listeners only hand the report id to
 * {@link Deliveries}: reading the report, rendering and posting happen on its threads.
 */
@Component
class ReportNotifier {

	private static final Logger logger = LoggerFactory.getLogger(ReportNotifier.class);

	private final Reports reports;

	private final NotificationRoutes routes;

	private final Map<SinkType, NotificationSink> sinks = new EnumMap<>(SinkType.class);

	private final Deliveries deliveries;

	private final Clock clock;

	ReportNotifier(Reports reports, NotificationRoutes routes, List<NotificationSink> sinks, Deliveries deliveries,
			Clock clock) {
		this.reports = reports;
		this.routes = routes;
		sinks.forEach((sink) -> this.sinks.put(sink.type(), sink));
		this.deliveries = deliveries;
		this.clock = clock;
	}

	/** Published by the drain outside any transaction, once the diagnosis is stored. */
	@EventListener
	void onCompleted(ReportCompleted event) {
		submit(event.reportId(), ReportMessage.Event.COMPLETED);
	}

	/** Published inside the intake transaction: only a committed resolve is announced. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onResolved(ReportResolved event) {
		submit(event.reportId(), ReportMessage.Event.RESOLVED);
	}

	private void submit(String reportId, ReportMessage.Event event) {
		if (this.routes.isEmpty()) {
			return;
		}
		if (!this.deliveries.submit(() -> notify(reportId, event))) {
			logger.warn("Dropped the {} notification of report {}: the queue is full"
					+ " (kubelet-doctor.notify.queue-capacity)", event.eventName(), reportId);
		}
	}

	void notify(String reportId, ReportMessage.Event event) {
		Optional<Report> found = this.reports.find(reportId);
		if (found.isEmpty()) {
			logger.warn("Report {} is gone; no {} notification", reportId, event.eventName());
			return;
		}
		Report report = found.get();
		if (event == ReportMessage.Event.RESOLVED && report.status() != ReportStatus.COMPLETED) {
			// No verdict was announced yet: the completion message will say the alert resolved, and a
			// report that failed was never announced at all.
			logger.debug("Report {} resolved while {}; no follow-up", reportId, report.status());
			return;
		}
		ReportMessage message = ReportMessage.of(event, report, this.clock.instant());
		for (NotificationRoute route : this.routes.routes()) {
			if (route.matches(message)) {
				this.deliveries.deliver(route, reportId, this.sinks.get(route.type()).render(message));
			}
		}
	}

}
