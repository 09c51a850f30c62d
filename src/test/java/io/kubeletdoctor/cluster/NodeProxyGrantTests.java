package io.kubeletdoctor.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One SelfSubjectAccessReview per cluster, kept for minutes; a failed review is "not granted". */
class NodeProxyGrantTests {

	private final AtomicLong nanos = new AtomicLong();

	private final AtomicInteger reviews = new AtomicInteger();

	@Test
	void theAnswerIsKeptForTenMinutesThenAskedAgain() {
		AtomicBoolean allowed = new AtomicBoolean(false);
		NodeProxyGrant grant = new NodeProxyGrant("prod", () -> {
			this.reviews.incrementAndGet();
			return allowed.get();
		}, this.nanos::get);

		assertThat(grant.granted()).isFalse();
		allowed.set(true);
		advance(NodeProxyGrant.ASK_AGAIN.minusSeconds(1));
		assertThat(grant.granted()).isFalse();
		assertThat(this.reviews).hasValue(1);
		advance(Duration.ofSeconds(2));
		assertThat(grant.granted()).isTrue();
		assertThat(grant.describe()).isEqualTo("nodes/proxy is granted (SelfSubjectAccessReview)");
		assertThat(this.reviews).hasValue(2);
	}

	@Test
	void aFailedReviewMeansNotGrantedAndIsAskedAgainSooner() {
		AtomicBoolean failing = new AtomicBoolean(true);
		NodeProxyGrant grant = new NodeProxyGrant("prod", () -> {
			this.reviews.incrementAndGet();
			if (failing.get()) {
				throw new ClusterAccessException(0, "create selfsubjectaccessreviews timed out", null);
			}
			return true;
		}, this.nanos::get);

		assertThat(grant.granted()).isFalse();
		assertThat(grant.describe()).isEqualTo("nodes/proxy not used: the SelfSubjectAccessReview failed "
				+ "(create selfsubjectaccessreviews timed out)");
		failing.set(false);
		advance(NodeProxyGrant.ASK_AGAIN_AFTER_FAILURE.plusSeconds(1));
		assertThat(grant.granted()).isTrue();
		assertThat(this.reviews).hasValue(2);
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
