package io.kubeletdoctor.playbook;

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

}
