package io.kubeletdoctor.report.web;

import java.time.Duration;

import io.kubeletdoctor.diagnosis.TimeSpan;

/** The step facts' ages and durations, stored in seconds, in the words of {@link TimeSpan}. */
final class Ages {

	private Ages() {
	}

	/** An age as of the diagnosis; a negative one (clock skew) reads as now. */
	static String ago(long seconds) {
		return TimeSpan.ago(Duration.ofSeconds(Math.max(0, seconds)));
	}

	static String span(long seconds) {
		return TimeSpan.of(Duration.ofSeconds(seconds));
	}

}
