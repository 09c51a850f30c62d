package io.kubeletdoctor.playbook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.ClusterRegistry;
import io.kubeletdoctor.playbook.NodeReports.NodeReport;
import io.kubeletdoctor.report.CompletedDiagnosis;
import io.kubeletdoctor.report.QueuedReport;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportAlert;
import io.kubeletdoctor.report.ReportQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Drains one cluster's queue: claims queued reports in small batches and runs the playbook for
 * each, sharing the cluster-scoped reads across the whole drain. A report whose run throws is
 * marked FAILED with the reason; the drain goes on with the next. It is the one writer of the
 * queue: it opens the node reports a cluster sweep asks for, and hands work back, whether its own
 * on shutdown or that of a run that died, so the claim rules live in one place.
 */
@Component
public class ReportDrainer {

	private static final Logger logger = LoggerFactory.getLogger(ReportDrainer.class);

	private static final AtomicInteger WORKER_NUMBERS = new AtomicInteger();

	private static final ThreadFactory WORKERS = (task) -> {
		Thread thread = new Thread(task, "drain-" + WORKER_NUMBERS.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	};

	private final ReportQueue queue;

	private final ClusterRegistry clusters;

	private final PlaybookCatalog catalog;

	private final NodeDiagnostics diagnostics;

	private final ClusterDiagnosis clusterDiagnosis;

	private final ApplicationEventPublisher events;

	private final PlaybookMetrics metrics;

	private final int nodesAtOnce;

	private volatile boolean stopping;

	ReportDrainer(ReportQueue queue, ClusterRegistry clusters, PlaybookCatalog catalog, NodeDiagnostics diagnostics,
			ClusterDiagnosis clusterDiagnosis, ApplicationEventPublisher events, PlaybookMetrics metrics,
			DrainProperties properties) {
		this.queue = queue;
		this.clusters = clusters;
		this.catalog = catalog;
		this.diagnostics = diagnostics;
		this.clusterDiagnosis = clusterDiagnosis;
		this.events = events;
		this.metrics = metrics;
		this.nodesAtOnce = properties.nodesAtOnce();
	}

	/**
	 * Runs until the cluster has no queued report left, or the service is shutting down: then the
	 * reports in progress finish and the rest of the batch is handed back to the queue for another
	 * replica or the next start. Claims as many reports as it diagnoses at once, and diagnoses them
	 * side by side, all sharing the drain's cluster-wide reads. The claims name
	 * {@code owner}, so work left behind by an owner known to be dead can be handed back. Returns
	 * how many reports it ran.
	 */
	public int drain(String cluster, String owner) {
		SharedEvidence shared = new SharedEvidence();
		AtomicInteger ran = new AtomicInteger();
		List<QueuedReport> batch;
		ExecutorService workers = Executors.newFixedThreadPool(this.nodesAtOnce, WORKERS);
		try {
			while (!this.stopping && !(batch = this.queue.claim(cluster, owner, this.nodesAtOnce)).isEmpty()) {
				List<Future<?>> running = new ArrayList<>();
				List<String> unstarted = new CopyOnWriteArrayList<>();
				for (QueuedReport report : batch) {
					running.add(workers.submit(() -> {
						if (this.stopping) {
							unstarted.add(report.id());
							return;
						}
						this.queue.touch(report.id());
						run(report, shared);
						ran.incrementAndGet();
					}));
				}
				boolean interrupted = !awaitAll(running);
				if (!unstarted.isEmpty()) {
					this.queue.release(unstarted);
				}
				if (interrupted) {
					break;
				}
			}
		}
		finally {
			workers.shutdown();
		}
		return ran.get();
	}

	/** Waits for every diagnosis of the batch; false when interrupted first. */
	private static boolean awaitAll(List<Future<?>> running) {
		for (Future<?> future : running) {
			try {
				future.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (ExecutionException ex) {
				// run() reports its own failures; anything else is a bug worth the log.
				logger.error("A diagnosis worker failed", ex.getCause());
			}
		}
		return true;
	}

	/**
	 * Hands back reports left RUNNING by a run that died (untouched for {@code staleAfter}); after
	 * {@code maxAttempts} runs they are marked FAILED instead. Returns how many were queued again.
	 */
	public int handBackStale(Duration staleAfter, int maxAttempts) {
		return this.queue.requeueStale(staleAfter, maxAttempts);
	}

	/**
	 * Hands back the reports claimed by an owner not among {@code liveOwners}, leaving claims touched
	 * at or after {@code claimedBefore} alone. Returns how many were queued again.
	 */
	public int handBackOrphaned(Set<String> liveOwners, Instant claimedBefore, int maxAttempts) {
		return this.queue.requeueOrphaned(liveOwners, claimedBefore, maxAttempts);
	}

	/** Published before Quartz stops, so a running drain stops claiming while Quartz waits for it. */
	@EventListener(ContextClosedEvent.class)
	void stopClaiming() {
		this.stopping = true;
	}

	private void run(QueuedReport report, SharedEvidence shared) {
		try {
			if (!this.clusters.clusterNames().contains(report.cluster())) {
				this.queue.fail(report.id(), "Cluster '" + report.cluster() + "' is not configured (configured: "
						+ this.clusters.clusterNames() + "); set kubelet-doctor.clusters." + report.cluster()
						+ ".kubeconfig");
				this.metrics.reportFailed();
				return;
			}
			ClusterReader reader = this.clusters.reader(report.cluster());
			Playbook playbook = this.catalog.forAlertnames(report.alerts().stream().map(ReportAlert::alertname).toList());
			Map<String, String> labels = labels(report);
			CompletedDiagnosis diagnosis;
			if (report.scope() == Report.Scope.CLUSTER || report.node() == null) {
				diagnosis = this.clusterDiagnosis.diagnose(playbook, reader,
						(node, position) -> nodeReport(report, node, position, playbook, reader, labels, shared));
			}
			else {
				String node = NodeResolver.resolve(reader, report.node(), report.nodeLabel());
				diagnosis = this.diagnostics.diagnose(playbook, node, reader, labels, shared,
						(progress) -> this.queue.progress(report.id(), progress));
			}
			this.queue.complete(report.id(), diagnosis);
			this.metrics.reportCompleted(diagnosis.rootCause().code().name());
			this.events.publishEvent(new ReportCompleted(report.id()));
		}
		catch (RuntimeException ex) {
			logger.warn("Diagnosis of report {} failed", report.id(), ex);
			this.queue.fail(report.id(), "The diagnosis failed: " + ex);
			this.metrics.reportFailed();
		}
	}

	/** A node report under a cluster-scope one, running under its claim; both show its progress. */
	private NodeReport nodeReport(QueuedReport parent, String node, String position, Playbook playbook,
			ClusterReader reader, Map<String, String> labels, SharedEvidence shared) {
		String id = this.queue.openChild(parent.id(), parent.cluster(), node);
		CompletedDiagnosis diagnosis = this.diagnostics.diagnose(playbook, node, reader, labels, shared,
				(progress) -> {
					this.queue.progress(parent.id(), position + ", " + progress);
					this.queue.progress(id, progress);
				});
		this.queue.complete(id, diagnosis);
		return new NodeReport(id, diagnosis);
	}

	private static Map<String, String> labels(QueuedReport report) {
		Map<String, String> labels = new LinkedHashMap<>();
		report.alerts().forEach((alert) -> labels.putAll(alert.labels()));
		return labels;
	}

}
