package io.kubeletdoctor.step;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.playbook.StepContext;

/**
 * Per-node objects read the cheap way for the drain at hand: a GET for the first nodes of a drain
 * (one alert costs one request), one cluster-wide LIST shared by every later node once the drain
 * holds a storm, so 5,000 node alerts cost a few dozen LIST pages instead of 10,000 GETs. The LIST
 * is read again when older than {@link #MAX_AGE}: a Lease renews every 10 s, and a node must not
 * look silent because the snapshot it was judged on is old.
 */
final class StormReads {

	/** The node of a drain from which one shared LIST is cheaper than a GET per node. */
	static final int STORM_NODES = 3;

	static final Duration MAX_AGE = Duration.ofSeconds(5);

	private StormReads() {
	}

	static boolean storm(StepContext context) {
		return context.shared().nodesDiagnosed() >= STORM_NODES;
	}

	static Optional<Node> node(StepContext context, String name) {
		if (storm(context)) {
			try {
				return Optional.ofNullable(byName(context, "storm/nodes", () -> context.reader().nodes()).get(name));
			}
			catch (ClusterAccessException ex) {
				if (!ex.forbidden()) {
					throw ex;
				}
				// Only GET is granted here: slower, still right.
			}
		}
		return context.reader().node(name);
	}

	static Optional<Lease> lease(StepContext context, String namespace, String name) {
		if (storm(context)) {
			try {
				return Optional.ofNullable(
						byName(context, "storm/leases/" + namespace, () -> context.reader().leases(namespace)).get(name));
			}
			catch (ClusterAccessException ex) {
				if (!ex.forbidden()) {
					throw ex;
				}
			}
		}
		return context.reader().lease(namespace, name);
	}

	private static <T extends HasMetadata> Map<String, T> byName(StepContext context, String key,
			Supplier<List<T>> list) {
		return context.shared()
			.fresh(key, MAX_AGE, () -> list.get()
				.stream()
				.filter((item) -> item.getMetadata() != null && item.getMetadata().getName() != null)
				.collect(Collectors.toUnmodifiableMap((item) -> item.getMetadata().getName(), Function.identity(),
						(first, second) -> first)));
	}

}
