package io.kubeletdoctor.report.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.report.CertificateDeadlines;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportCertificate;
import io.kubeletdoctor.report.ReportStatus;
import org.jspecify.annotations.Nullable;

/**
 * Turns report values into the words the pages show, relative to one fixed moment so a page reads
 * consistently ("expired 3 days ago", "expires in 41 hours"). Exposed to the templates as {@code fmt}; its
 * methods are public because SpEL only calls public methods.
 */
final class ReportFormatter {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final String NONE = "—";

	private final Instant now;

	private final Function<String, Optional<String>> progressOf;

	ReportFormatter(Instant now) {
		this(now, (id) -> Optional.empty());
	}

	/** @param progressOf where a running report stands, by report id (see {@code Reports#progress}) */
	ReportFormatter(Instant now, Function<String, Optional<String>> progressOf) {
		this.now = now;
		this.progressOf = progressOf;
	}

	/** The moment every relative time on the page is measured from. */
	public Instant now() {
		return this.now;
	}

	/** An absolute time in UTC, the zone the cluster's logs and certificates use. */
	public String timestamp(@Nullable Instant instant) {
		return (instant != null) ? TIMESTAMP.format(instant) : NONE;
	}

	/** "3 days ago" or "in 41 hours". */
	public String relative(@Nullable Instant instant) {
		if (instant == null) {
			return NONE;
		}
		String span = span(Duration.between(this.now, instant).abs());
		return instant.isAfter(this.now) ? "in " + span : span + " ago";
	}

	/** "expired 3 days ago" or "expires in 41 hours"; a certificate is still valid at its NotAfter. */
	public String expiry(Instant notAfter) {
		return TimeSpan.expiry(notAfter, this.now);
	}

	public boolean expired(Instant notAfter) {
		return notAfter.isBefore(this.now);
	}

	/** How the pages name a certificate by its role. */
	public String certificate(CertificateRole role) {
		return switch (role) {
			case CLIENT -> "client certificate";
			case SERVING -> "serving certificate";
			case CA -> "cluster CA certificate";
		};
	}

	/** The certificate that hurts first, see {@link CertificateDeadlines}. */
	public @Nullable ReportCertificate nearestExpiry(List<ReportCertificate> certificates,
			@Nullable Finding rootCause) {
		return CertificateDeadlines.nearest(certificates, rootCause).orElse(null);
	}

	/** Where an unfinished report stands: queued or running, for how long, and the step it is at. */
	public String progress(Report report) {
		if (report.status() == ReportStatus.QUEUED) {
			return "Queued for " + span(Duration.between(report.createdAt(), this.now).abs())
					+ ", waiting for its cluster's drain";
		}
		if (report.status() == ReportStatus.RUNNING) {
			Instant started = (report.startedAt() != null) ? report.startedAt() : report.createdAt();
			String running = "Running the playbook for " + span(Duration.between(started, this.now).abs());
			return this.progressOf.apply(report.id()).map((step) -> running + ", " + step).orElse(running);
		}
		return report.status().name();
	}

	/** How old something is, from a count of seconds, such as a CSR's age. */
	public String age(long seconds) {
		return span(Duration.ofSeconds(Math.max(0, seconds)));
	}

	/** A step's run time: milliseconds while short, seconds and minutes after. */
	public String duration(long millis) {
		if (millis < 1000) {
			return Math.max(0, millis) + " ms";
		}
		if (millis < 60_000) {
			return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
		}
		long seconds = millis / 1000;
		return (seconds / 60) + " min " + (seconds % 60) + " s";
	}

	/** Commands one per line, ready to paste into a shell. */
	public String lines(List<String> lines) {
		return String.join("\n", lines);
	}

	/** A step fact: collections comma-separated, anything else as its text; nothing shows as a dash. */
	public String fact(@Nullable Object value) {
		if (value == null) {
			return NONE;
		}
		if (value instanceof Collection<?> collection) {
			return collection.isEmpty() ? NONE
					: collection.stream().map(String::valueOf).collect(Collectors.joining(", "));
		}
		return String.valueOf(value);
	}

	/** Labels and annotations in name order, so two alerts of one group read alike. */
	public <V> Map<String, V> sorted(Map<String, V> map) {
		return new TreeMap<>(map);
	}

	/** The URL when it is safe to render as a link (http or https), else null. */
	public @Nullable String link(@Nullable String url) {
		return SafeLinks.httpOrNull(url);
	}

	static String span(Duration duration) {
		return TimeSpan.of(duration);
	}

}
