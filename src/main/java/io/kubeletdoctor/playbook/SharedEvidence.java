package io.kubeletdoctor.playbook;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Cluster-scoped reads shared by every node diagnosed in one drain, so a storm of node alerts does
 * not multiply them. A failed read is remembered too and rethrown to every node that asks.
 */
public final class SharedEvidence {

	private final ConcurrentMap<String, Object> values = new ConcurrentHashMap<>();

	private final AtomicInteger nodes = new AtomicInteger();

	@SuppressWarnings("unchecked")
	public <T> T get(String key, Supplier<T> read) {
		Object value = this.values.computeIfAbsent(key, (k) -> {
			try {
				return read.get();
			}
			catch (RuntimeException ex) {
				return new Failure(ex);
			}
		});
		if (value instanceof Failure failure) {
			throw failure.exception();
		}
		return (T) value;
	}

	/**
	 * Like {@link #get}, but read again once the value is older than {@code maxAge}: for lists of
	 * objects that change while a long drain runs (Leases renew every few seconds), so no node is
	 * judged on a snapshot much older than itself. Nodes asking at once wait for one read.
	 */
	@SuppressWarnings("unchecked")
	public <T> T fresh(String key, Duration maxAge, Supplier<T> read) {
		long now = System.nanoTime();
		Object value = this.values.compute(key, (k, held) -> {
			if (held instanceof Timed timed && now - timed.readAt() < maxAge.toNanos()) {
				return timed;
			}
			try {
				return new Timed(read.get(), System.nanoTime());
			}
			catch (RuntimeException ex) {
				return new Timed(new Failure(ex), System.nanoTime());
			}
		});
		Object held = ((Timed) value).value();
		if (held instanceof Failure failure) {
			throw failure.exception();
		}
		return (T) held;
	}

	/**
	 * How many nodes this drain has started to diagnose, the current one included: a step can tell
	 * a storm, where one cluster-wide read beats one read per node, from a single alert.
	 */
	public int nodesDiagnosed() {
		return this.nodes.get();
	}

	/** Called by the engine as it starts on a node. */
	public void nodeStarted() {
		this.nodes.incrementAndGet();
	}

	private record Failure(RuntimeException exception) {
	}

	private record Timed(Object value, long readAt) {
	}

}
