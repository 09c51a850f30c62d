package io.kubeletdoctor.report.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.report.ReportCertificate;
import org.jspecify.annotations.Nullable;

/**
 * One certificate's life drawn to scale for the report page: NotBefore to NotAfter, the window in
 * which the kubelet renews it (a random deadline between 70 % and 90 % of the lifetime) and now.
 * The scale spans the lifetime and now, so an expired certificate shows how far past its end we
 * are. Positions are SVG percentages: geometry attributes, not inline styles, so the page's CSP
 * needs no 'unsafe-inline'. The CA has no window: the kubelet never rotates it.
 *
 * @param state what the bar means in words, for readers who cannot see it
 * @param tone {@code ok}, {@code warn} or {@code bad}, for the badge colour
 */
record CertificateTimeline(ReportCertificate certificate, String name, String state, String tone, Bar bar,
		@Nullable Instant rotationFrom, @Nullable Instant rotationUntil) {

	static final double ROTATION_FROM = 0.7;

	static final double ROTATION_UNTIL = 0.9;

	private static final Duration CA_WARNING = Duration.ofDays(30);

	/** Kubelet certificates first, the way they hurt: client, serving, then the CA. */
	static List<CertificateTimeline> of(List<ReportCertificate> certificates, Instant now) {
		return certificates.stream()
			.sorted(Comparator.comparing(ReportCertificate::role).thenComparing(ReportCertificate::notAfter))
			.map((certificate) -> of(certificate, now))
			.toList();
	}

	static CertificateTimeline of(ReportCertificate certificate, Instant now) {
		Instant notBefore = certificate.notBefore();
		Instant notAfter = certificate.notAfter();
		long lifetime = Math.max(1, Duration.between(notBefore, notAfter).toMillis());
		boolean rotates = certificate.role() != CertificateRole.CA;
		Instant from = rotates ? notBefore.plusMillis(Math.round(lifetime * ROTATION_FROM)) : null;
		Instant until = rotates ? notBefore.plusMillis(Math.round(lifetime * ROTATION_UNTIL)) : null;
		Scale scale = new Scale(min(notBefore, now), max(notAfter, now));
		Bar bar = new Bar(scale.at(notBefore), scale.width(notBefore, notAfter),
				(from != null) ? scale.at(from) : null, (from != null && until != null) ? scale.width(from, until) : null,
				scale.at(now));
		State state = state(certificate, from, until, now);
		return new CertificateTimeline(certificate, name(certificate.role()), state.text(), state.tone(), bar, from,
				until);
	}

	private static State state(ReportCertificate certificate, @Nullable Instant from, @Nullable Instant until,
			Instant now) {
		if (now.isAfter(certificate.notAfter())) {
			return new State(TimeSpan.expiry(certificate.notAfter(), now), "bad");
		}
		if (now.isBefore(certificate.notBefore())) {
			return new State("not valid yet: starts in " + TimeSpan.of(Duration.between(now, certificate.notBefore()))
					+ " (check the clocks)", "bad");
		}
		String expiry = TimeSpan.expiry(certificate.notAfter(), now);
		if (from == null || until == null) {
			boolean soon = Duration.between(now, certificate.notAfter()).compareTo(CA_WARNING) < 0;
			return new State(expiry, soon ? "warn" : "ok");
		}
		if (now.isBefore(from)) {
			return new State(expiry + "; rotation window opens in " + TimeSpan.of(Duration.between(now, from)), "ok");
		}
		if (!now.isAfter(until)) {
			return new State(expiry + "; in its rotation window, the kubelet should renew it now", "warn");
		}
		return new State(expiry + "; past its rotation window without being renewed", "bad");
	}

	private static String name(CertificateRole role) {
		switch (role) {
			case CLIENT:
				return "Client certificate";
			case SERVING:
				return "Serving certificate";
			default:
				return "Cluster CA";
		}
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	/** Positions in percent of the drawn span, ready for SVG {@code x} and {@code width}. */
	record Bar(String lifeX, String lifeWidth, @Nullable String windowX, @Nullable String windowWidth, String nowX) {
	}

	private record State(String text, String tone) {
	}

	private record Scale(Instant start, Instant end) {

		String at(Instant instant) {
			return percent(fraction(instant));
		}

		String width(Instant from, Instant to) {
			return percent(fraction(to) - fraction(from));
		}

		private double fraction(Instant instant) {
			double span = Math.max(1, Duration.between(this.start, this.end).toMillis());
			return Duration.between(this.start, instant).toMillis() / span;
		}

		private static String percent(double fraction) {
			return String.format(Locale.ROOT, "%.2f%%", Math.max(0, Math.min(1, fraction)) * 100);
		}

	}

}
