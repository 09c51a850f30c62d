package io.kubeletdoctor.schedule;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.kubeletdoctor.playbook.ReportDrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The drains of this replica, one at a time per cluster. {@link #start} runs a cluster's drain on a
 * thread of this replica right after its reports were committed, so a verdict never waits for
 * Quartz to poll its job store; the Quartz drain job runs through {@link #drainHere}, so the two
 * never drain one cluster side by side here. A drain on another replica may overlap this one:
 * reports are claimed one transaction at a time ({@code status = 'QUEUED'} in the claiming UPDATE),
 * so no report runs twice, and the claims name this replica's Quartz instance, so a killed
 * replica's work is handed back exactly as when Quartz ran it.
 */
@Component
class LocalDrains implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LocalDrains.class);

	private final Consumer<String> drainer;

	private final BooleanSupplier schedulerRunning;

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	private final ConcurrentMap<String, ClusterDrain> drains = new ConcurrentHashMap<>();

	@Autowired
	LocalDrains(ReportDrainer drainer, Replicas replicas, Scheduler scheduler) {
		this((cluster) -> drainer.drain(cluster, replicas.self()), () -> running(scheduler));
	}

	/** Runs {@code drainer} for a cluster while {@code schedulerRunning} says drains may run. */
	LocalDrains(Consumer<String> drainer, BooleanSupplier schedulerRunning) {
		this.drainer = drainer;
		this.schedulerRunning = schedulerRunning;
		this.executor.setThreadNamePrefix("drain-");
		this.executor.setCorePoolSize(4);
		// a drain asked for while the service stops finishes its report; the rest goes back to the queue
		this.executor.setWaitForTasksToCompleteOnShutdown(true);
		this.executor.setAwaitTerminationSeconds(30);
		this.executor.initialize();
	}

	/**
	 * Drains the cluster on a thread of this replica unless a drain of it is running here: then that
	 * one goes on until it finds the queue empty after this call. Does nothing while the scheduler
	 * is not running (standby, or stopping): drains run when the scheduler does.
	 */
	void start(String cluster) {
		if (!this.schedulerRunning.getAsBoolean()) {
			return;
		}
		ClusterDrain drain = drainOf(cluster);
		drain.requested.set(true);
		execute(cluster, drain);
	}

	/** Drains the cluster in the calling thread (the Quartz job), after a drain of it running here. */
	void drainHere(String cluster) {
		ClusterDrain drain = drainOf(cluster);
		drain.lock.lock();
		try {
			this.drainer.accept(cluster);
		}
		finally {
			drain.lock.unlock();
		}
		if (drain.requested.get()) {
			// asked for while this drain held the lock, maybe after its last look at the queue
			execute(cluster, drain);
		}
	}

	private void execute(String cluster, ClusterDrain drain) {
		try {
			this.executor.execute(() -> drainWhileRequested(cluster, drain));
		}
		catch (TaskRejectedException ex) {
			// shutting down: the reports stay queued for another replica or the next start
		}
	}

	/**
	 * Whoever holds the lock drains; a request that comes while it does is seen by the holder's
	 * check after unlocking, or by its own thread, which then gets the lock.
	 */
	private void drainWhileRequested(String cluster, ClusterDrain drain) {
		while (drain.requested.get() && drain.lock.tryLock()) {
			try {
				drain.requested.set(false);
				this.drainer.accept(cluster);
			}
			catch (RuntimeException ex) {
				// the reports stay queued or claimed; the Quartz drain and the sweep take them up
				logger.warn("Drain of cluster {} stopped: {}", cluster, ex.toString());
			}
			finally {
				drain.lock.unlock();
			}
		}
	}

	private ClusterDrain drainOf(String cluster) {
		return this.drains.computeIfAbsent(cluster, (name) -> new ClusterDrain());
	}

	private static boolean running(Scheduler scheduler) {
		try {
			return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
		}
		catch (SchedulerException ex) {
			return false;
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdown();
	}

	private static final class ClusterDrain {

		private final ReentrantLock lock = new ReentrantLock();

		private final AtomicBoolean requested = new AtomicBoolean();

	}

}
