package io.kubeletdoctor.diagnosis.rules;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeletdoctor.diagnosis.KubeletLogFacts;

/**
 * Go's x509 validity error, "current time X is before NotBefore" or "is after NotAfter": the node's
 * clock when it checked ({@code nodeTime}) and the bound it compared with. Comparing both with this
 * service's clock tells an expired certificate from a wrong clock.
 */
record X509Validity(Instant nodeTime, Instant bound, boolean notYetValid) {

	/** Sub-minute differences are ordinary; Kubernetes signers backdate NotBefore by five minutes anyway. */
	static final Duration TOLERANCE = Duration.ofMinutes(1);

	private static final String TIME = "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2}))";

	private static final Pattern ERROR = Pattern.compile("current time " + TIME + " is (before|after) " + TIME);

	static Optional<X509Validity> of(KubeletLogFacts.Line line) {
		Matcher matcher = ERROR.matcher(line.text());
		if (!matcher.find()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new X509Validity(OffsetDateTime.parse(matcher.group(1)).toInstant(),
					OffsetDateTime.parse(matcher.group(3)).toInstant(), "before".equals(matcher.group(2))));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	/** The certificate the node called not yet valid or expired is valid by this service's clock. */
	boolean validAt(Instant now) {
		return this.notYetValid ? !this.bound.isAfter(now.minus(TOLERANCE)) : this.bound.isAfter(now.plus(TOLERANCE));
	}

	/** The node's clock read a time still to come by this service's clock: no line is written in the future. */
	boolean nodeAheadOf(Instant now) {
		return this.nodeTime.isAfter(now.plus(TOLERANCE));
	}

}
