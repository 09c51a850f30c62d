package io.kubeletdoctor.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this cluster granted the service {@code get} on {@code nodes/proxy} (the opt-in
 * {@code app/components/node-proxy}), asked with a SelfSubjectAccessReview on first use and again
 * every ten minutes (so installing or removing the component needs no restart), logged when the
 * answer changes. Only where granted may a kubelet read fall back to the API server's node proxy.
 * A review that fails counts as "not granted" and is asked again after five minutes.
 */
final class NodeProxyGrant {

	private static final Logger logger = LoggerFactory.getLogger(NodeProxyGrant.class);

	static final Duration ASK_AGAIN_AFTER_FAILURE = Duration.ofMinutes(5);

	static final Duration ASK_AGAIN = Duration.ofMinutes(10);

	private final String clusterName;

	private final BooleanSupplier review;

	private final LongSupplier ticker;

	private volatile Answer answer;

	NodeProxyGrant(String clusterName, BooleanSupplier review) {
		this(clusterName, review, System::nanoTime);
	}

	NodeProxyGrant(String clusterName, BooleanSupplier review, LongSupplier ticker) {
		this.clusterName = clusterName;
		this.review = review;
		this.ticker = ticker;
		this.answer = new Answer(false, null, Long.MIN_VALUE);
	}

	boolean granted() {
		return current().granted();
	}

	/** For the report: what the review said, e.g. "nodes/proxy is not granted (SelfSubjectAccessReview)". */
	String describe() {
		Answer current = current();
		if (current.failure() != null) {
			return "nodes/proxy not used: the SelfSubjectAccessReview failed (" + current.failure() + ")";
		}
		return current.granted() ? "nodes/proxy is granted (SelfSubjectAccessReview)"
				: "nodes/proxy is not granted (SelfSubjectAccessReview; opt-in component app/components/node-proxy)";
	}

	private synchronized Answer current() {
		Answer current = this.answer;
		long now = this.ticker.getAsLong();
		boolean asked = current.askedAt() != Long.MIN_VALUE;
		Duration keep = (current.failure() == null) ? ASK_AGAIN : ASK_AGAIN_AFTER_FAILURE;
		if (asked && now - current.askedAt() < keep.toNanos()) {
			return current;
		}
		Answer next;
		try {
			next = new Answer(this.review.getAsBoolean(), null, now);
		}
		catch (ClusterAccessException ex) {
			next = new Answer(false, String.valueOf(ex.getMessage()), now);
		}
		this.answer = next;
		if (next.failure() != null) {
			logger.warn("Cluster '{}': cannot ask whether nodes/proxy is granted ({}); the node proxy is not used",
					printable(this.clusterName), printable(next.failure()));
		}
		else if (!asked || current.failure() != null || current.granted() != next.granted()) {
			logger.info("Cluster '{}': get on nodes/proxy is {}; kubelet reads go straight to the kubelet{}",
					printable(this.clusterName), next.granted() ? "granted" : "not granted",
					next.granted() ? ", the API server's node proxy is the fallback" : ", never through the node proxy");
		}
		return next;
	}

	/** Log lines never carry control characters from a server's answer. */
	private static String printable(String text) {
		return text.replaceAll("\\p{Cntrl}", "?");
	}

	private record Answer(boolean granted, @Nullable String failure, long askedAt) {
	}

}
