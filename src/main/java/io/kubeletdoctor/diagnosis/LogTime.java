package io.kubeletdoctor.diagnosis;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * When a kubelet log line was written, by the node's clock, from its journald header ({@code Dec 03
 * 21:46:19.928508}) or else its klog header ({@code E1203 21:46:19.928508}). Neither carries a year:
 * the one that puts the line nearest to the moment of diagnosis is taken. The node log query returns
 * journald's timestamps in UTC.
 */
final class LogTime {

	private static final Pattern JOURNAL = Pattern
		.compile("^([A-Z][a-z]{2}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?\\s");

	private static final Pattern KLOG = Pattern
		.compile("(?:^|\\s)[IWEF](\\d{2})(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?\\s");

	private LogTime() {
	}

	static Optional<Instant> of(String line, Instant near) {
		String text = line.strip();
		Matcher journal = JOURNAL.matcher(text);
		if (journal.find()) {
			Optional<Month> month = month(journal.group(1));
			if (month.isPresent()) {
				return nearest(month.get().getValue(), journal, near);
			}
		}
		Matcher klog = KLOG.matcher(text);
		if (klog.find()) {
			return nearest(Integer.parseInt(klog.group(1)), klog, near);
		}
		return Optional.empty();
	}

	/** Groups 2 to 6 of {@code header}: day, hour, minute, second, fraction. */
	private static Optional<Instant> nearest(int month, Matcher header, Instant near) {
		int year = near.atZone(ZoneOffset.UTC).getYear();
		String fraction = (header.group(6) != null) ? header.group(6) : "0";
		int nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
		return Stream.of(year - 1, year, year + 1).flatMap((candidate) -> {
			try {
				return Stream.of(LocalDateTime
					.of(candidate, month, Integer.parseInt(header.group(2)), Integer.parseInt(header.group(3)),
							Integer.parseInt(header.group(4)), Integer.parseInt(header.group(5)), nanos)
					.toInstant(ZoneOffset.UTC));
			}
			catch (DateTimeException ex) {
				return Stream.empty();
			}
		}).min(Comparator.comparing((Instant at) -> Duration.between(at, near).abs()));
	}

	private static Optional<Month> month(String abbreviation) {
		return Stream.of(Month.values())
			.filter((month) -> month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equals(abbreviation))
			.findFirst();
	}

}
