package io.kubeletdoctor.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.kubeletdoctor.cluster.ClusterRegistry;
import io.kubeletdoctor.intake.AcceptedNotification.ReportRef;
import io.kubeletdoctor.intake.NodeLabels.NodeRef;
import io.kubeletdoctor.report.KnownReport;
import io.kubeletdoctor.report.OpenReport;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportLinks;
import io.kubeletdoctor.report.ReportStore;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a notification and opens or reuses one report per (cluster, node) for its firing alerts,
 * all in one transaction, before the webhook answers 202. An alert instance (cluster, fingerprint,
 * startsAt) already seen is a duplicate delivery and reuses its report without new work; a resolved
 * alert only marks its report.
 */
@Service
public class NotificationIntake {

	private static final String CLUSTER_SCOPE = "\u0000cluster";

	private final JdbcClient jdbc;

	private final ReportStore reports;

	private final ReportLinks links;

	private final ClusterRegistry clusters;

	private final ApplicationEventPublisher events;

	private final WebhookProperties properties;

	private final IntakeMetrics metrics;

	private final Clock clock;

	NotificationIntake(JdbcClient jdbc, ReportStore reports, ReportLinks links, ClusterRegistry clusters,
			ApplicationEventPublisher events, WebhookProperties properties, IntakeMetrics metrics, Clock clock) {
		this.jdbc = jdbc;
		this.reports = reports;
		this.links = links;
		this.clusters = clusters;
		this.events = events;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Transactional
	public AcceptedNotification accept(AlertmanagerNotification notification, byte[] body) {
		String notificationId = UUID.randomUUID().toString();
		store(notificationId, notification, body);
		Map<String, ReportRef> opened = new LinkedHashMap<>();
		Map<String, ReportRef> answered = new LinkedHashMap<>();
		Set<String> queuedClusters = new LinkedHashSet<>();
		QueueRoom room = new QueueRoom(this.reports::queuedCount, this.properties.maxQueuedReports());
		boolean duplicate = false;
		for (AlertmanagerAlert alert : notification.alerts()) {
			String cluster = clusterOf(alert.labels());
			if (!alert.firing()) {
				this.reports.resolveAlert(cluster, alert.fingerprint(), alert.startsAt(), alert.endsAt())
					.ifPresent((resolved) -> {
						KnownReport known = resolved.report();
						answered.putIfAbsent(known.id(), ref(known.id(), cluster, known.node()));
						if (resolved.reportResolved()) {
							this.events.publishEvent(new ReportResolved(known.id()));
						}
					});
				continue;
			}
			Optional<KnownReport> known = this.reports.reportForAlert(cluster, alert.fingerprint(), alert.startsAt());
			if (known.isPresent()) {
				duplicate = true;
				answered.putIfAbsent(known.get().id(), ref(known.get().id(), cluster, known.get().node()));
				continue;
			}
			Optional<NodeRef> node = NodeLabels.of(alert.labels());
			String key = cluster + "/" + node.map(NodeRef::name).orElse(CLUSTER_SCOPE);
			ReportRef report = opened.computeIfAbsent(key, (k) -> open(cluster, node, notificationId, room));
			this.reports.attachAlert(report.id(), cluster, alert.toReportAlert());
			answered.putIfAbsent(report.id(), report);
			if (configured(cluster)) {
				queuedClusters.add(cluster);
			}
		}
		if (notification.truncatedAlerts() > 0) {
			// Alertmanager dropped alerts: sweep each cluster instead of trusting the list.
			for (String cluster : clustersOf(notification)) {
				String key = cluster + "/" + CLUSTER_SCOPE;
				ReportRef sweep = opened.computeIfAbsent(key,
						(k) -> open(cluster, Optional.empty(), notificationId, room));
				answered.putIfAbsent(sweep.id(), sweep);
				if (configured(cluster)) {
					queuedClusters.add(cluster);
				}
			}
		}
		this.metrics.received();
		if (duplicate) {
			this.metrics.duplicated();
		}
		if (!queuedClusters.isEmpty()) {
			this.events.publishEvent(new ReportsQueued(queuedClusters));
		}
		return new AcceptedNotification(notificationId, new ArrayList<>(answered.values()));
	}

	/**
	 * Opens a report while the queue has room for it. A repeat or a resolve adds no work, so a full
	 * queue never refuses it.
	 */
	private ReportRef open(String cluster, Optional<NodeRef> node, String notificationId, QueueRoom room) {
		Report.Scope scope = node.isPresent() ? Report.Scope.NODE : Report.Scope.CLUSTER;
		OpenReport report = new OpenReport(cluster, node.map(NodeRef::name).orElse(null),
				node.map(NodeRef::label).orElse(null), scope, notificationId);
		String id;
		if (configured(cluster)) {
			room.take();
			id = this.reports.open(report);
		}
		else {
			id = this.reports.openForUnknownCluster(report, this.clusters.clusterNames());
		}
		return ref(id, cluster, node.map(NodeRef::name).orElse(null));
	}

	private boolean configured(String cluster) {
		return this.clusters.clusterNames().contains(cluster);
	}

	private ReportRef ref(String id, String cluster, @Nullable String node) {
		return new ReportRef(id, cluster, node, this.links.of(id).html());
	}

	/**
	 * Unknown cluster labels still get a report, answered at once with a verdict that says so: a
	 * queued one would give every value an alert can carry a drain job of its own.
	 */
	private String clusterOf(Map<String, String> labels) {
		return this.clusters.resolve(labels).orElseGet(() -> labels.getOrDefault("cluster", "default"));
	}

	private Set<String> clustersOf(AlertmanagerNotification notification) {
		Set<String> names = new LinkedHashSet<>();
		notification.alerts().forEach((alert) -> names.add(clusterOf(alert.labels())));
		if (names.isEmpty()) {
			names.addAll(this.clusters.clusterNames());
		}
		return names;
	}

	private void store(String id, AlertmanagerNotification notification, byte[] body) {
		this.jdbc.sql("""
				INSERT INTO notification (id, received_at, status, receiver, group_key, alert_count, body, external_url)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, this.clock.instant().atOffset(ZoneOffset.UTC), notification.status(),
					notification.receiver(), notification.groupKey(), notification.alerts().size(),
					new String(body, StandardCharsets.UTF_8), notification.externalURL())
			.update();
	}

}
