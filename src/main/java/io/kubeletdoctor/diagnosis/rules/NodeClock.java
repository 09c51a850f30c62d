package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.KubeletLogFacts;

/**
 * The node's clock as the kubelet's x509 errors state it. Such a line read now cannot have been
 * written in this service's future, so a stated current time after this service's clock shows the
 * node's clock ahead, and then the kubelet's own verdicts of expiry (the TTL gauge at +Inf, "client
 * certificate has expired") may be the clock's, not the certificate's.
 */
final class NodeClock {

	private NodeClock() {
	}

	/** The x509 error stating the node's time furthest ahead of {@code now}, if any is ahead. */
	static Optional<X509Validity> ahead(KubeletLogFacts logs, Instant now) {
		return logs.lines()
			.stream()
			.map(X509Validity::of)
			.flatMap(Optional::stream)
			.filter((validity) -> validity.nodeAheadOf(now))
			.max(Comparator.comparing(X509Validity::nodeTime));
	}

	static String describe(X509Validity validity, Instant now) {
		return "The kubelet's clock read " + validity.nodeTime() + " in an x509 error, "
				+ EvidenceText.span(Duration.between(now, validity.nodeTime())) + " ahead of this service's clock ("
				+ now + ")";
	}

}
