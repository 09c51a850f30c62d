package io.kubeletdoctor.diagnosis;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the Node object and its Lease say. {@code found} is false when no Node matches the alert.
 * Ages are measured at diagnosis time; null means the field was absent.
 */
public record NodeFacts(String name, boolean found, @Nullable String readyStatus, @Nullable String readyReason,
		@Nullable String readyMessage, @Nullable Duration heartbeatAge, @Nullable Duration leaseAge,
		@Nullable Integer leaseDurationSeconds, @Nullable String kubeletVersion, List<String> taints,
		@Nullable String address, @Nullable Integer kubeletPort) {

	public static NodeFacts notFound(String name) {
		return new NodeFacts(name, false, null, null, null, null, null, null, null, List.of(), null, null);
	}

	public boolean ready() {
		return "True".equals(this.readyStatus);
	}

	/**
	 * The kubelet renews its Lease every 10 s; one older than the lease duration (40 s by default)
	 * means the kubelet cannot reach or authenticate to the API server.
	 */
	public boolean leaseStale() {
		return this.leaseAge != null && leaseStale(this.leaseAge, this.leaseDurationSeconds);
	}

	/** The same judgement for a Lease read on its own (a cluster sweep reads them all at once). */
	public static boolean leaseStale(Duration leaseAge, @Nullable Integer leaseDurationSeconds) {
		int duration = (leaseDurationSeconds != null) ? leaseDurationSeconds : 40;
		return leaseAge.compareTo(Duration.ofSeconds(duration)) > 0;
	}

}
