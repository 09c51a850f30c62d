package io.kubeletdoctor.report.web;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormatterTests {

	private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	private final ReportFormatter formatter = new ReportFormatter(NOW);

	@ParameterizedTest
	@CsvSource({ "0, 0 seconds", "1, 1 second", "59, 59 seconds", "119, 119 seconds", "120, 2 minutes",
			"7199, 119 minutes", "7200, 2 hours", "147600, 41 hours", "259199, 71 hours", "259200, 3 days",
			"63071999, 729 days", "63072000, 2 years" })
	void spanGrowsItsUnitWithTheDuration(long seconds, String expected) {
		assertThat(ReportFormatter.span(Duration.ofSeconds(seconds))).isEqualTo(expected);
	}

	@Test
	void expiryReadsAsPastOrFuture() {
		assertThat(this.formatter.expiry(NOW.minus(Duration.ofDays(3)))).isEqualTo("expired 3 days ago");
		assertThat(this.formatter.expiry(NOW.plus(Duration.ofHours(41).plusMinutes(59))))
			.isEqualTo("expires in 41 hours");
	}

	@Test
	void certificateIsStillValidAtItsNotAfter() {
		assertThat(this.formatter.expired(NOW)).isFalse();
		assertThat(this.formatter.expiry(NOW)).isEqualTo("expires in 0 seconds");
		assertThat(this.formatter.expired(NOW.minusMillis(1))).isTrue();
	}

	@Test
	void relativeTimeSaysAgoOrIn() {
		assertThat(this.formatter.relative(NOW.minus(Duration.ofMinutes(5)))).isEqualTo("5 minutes ago");
		assertThat(this.formatter.relative(NOW.plus(Duration.ofDays(10)))).isEqualTo("in 10 days");
		assertThat(this.formatter.relative(null)).isEqualTo("—");
	}

	@Test
	void timestampIsUtcToTheSecond() {
		assertThat(this.formatter.timestamp(Instant.parse("2025-05-29T07:08:09.123Z")))
			.isEqualTo("2025-05-29 07:08:09 UTC");
		assertThat(this.formatter.timestamp(null)).isEqualTo("—");
	}

	@ParameterizedTest
	@CsvSource({ "0, 0 ms", "999, 999 ms", "1000, 1.0 s", "1549, 1.5 s", "59999, 60.0 s", "60000, 1 min 0 s",
			"125400, 2 min 5 s" })
	void durationIsMillisecondsThenSecondsThenMinutes(long millis, String expected) {
		assertThat(this.formatter.duration(millis)).isEqualTo(expected);
	}

	@Test
	void runningReportSaysWhichStepItIsAt() {
		Report running = ReportFixtures.running("r-running");
		ReportFormatter withProgress = new ReportFormatter(NOW.plusSeconds(4),
				(id) -> "r-running".equals(id) ? Optional.of("step 3 of 7: Kubelet certificates") : Optional.empty());
		String elapsed = new ReportFormatter(NOW.plusSeconds(4)).progress(running);
		assertThat(elapsed).startsWith("Running the playbook for ").endsWith(" seconds");
		assertThat(withProgress.progress(running)).isEqualTo(elapsed + ", step 3 of 7: Kubelet certificates");
	}

	@Test
	void ageCountsSeconds() {
		assertThat(this.formatter.age(7200)).isEqualTo("2 hours");
		assertThat(this.formatter.age(-5)).isEqualTo("0 seconds");
	}

	@Test
	void nearestExpiryIsTheEarliestNotAfterEvenWhenAlreadyPast() {
		ReportCertificate ca = certificate(CertificateRole.CA, NOW.plus(Duration.ofDays(900)));
		ReportCertificate serving = certificate(CertificateRole.SERVING, NOW.plus(Duration.ofHours(41)));
		ReportCertificate client = certificate(CertificateRole.CLIENT, NOW.minus(Duration.ofDays(3)));
		assertThat(this.formatter.nearestExpiry(List.of(ca, serving), null)).isSameAs(serving);
		assertThat(this.formatter.nearestExpiry(List.of(ca, serving, client), null)).isSameAs(client);
		assertThat(this.formatter.nearestExpiry(List.of(), null)).isNull();
	}

	@Test
	void caCertificatesCountOnlyForVerdictsAboutTheCa() {
		ReportCertificate ca = certificate(CertificateRole.CA, NOW.plus(Duration.ofDays(20)));
		ReportCertificate serving = certificate(CertificateRole.SERVING, NOW.plus(Duration.ofDays(41)));
		assertThat(this.formatter.nearestExpiry(List.of(ca), finding(RootCauseCode.SERVING_CSR_NOT_APPROVED)))
			.as("a kubelet without certificates has no expiry to count down to").isNull();
		assertThat(this.formatter.nearestExpiry(List.of(ca, serving), finding(RootCauseCode.NO_FAULT_FOUND)))
			.isSameAs(serving);
		assertThat(this.formatter.nearestExpiry(List.of(ca, serving), finding(RootCauseCode.CA_EXPIRING)))
			.isSameAs(ca);
	}

	private static Finding finding(RootCauseCode code) {
		return new Finding(code, "title", Confidence.HIGH, "summary", List.of(), "refuted", List.of());
	}

	@Test
	void certificateRolesReadAsWords() {
		assertThat(this.formatter.certificate(CertificateRole.SERVING)).isEqualTo("serving certificate");
		assertThat(this.formatter.certificate(CertificateRole.CA)).isEqualTo("cluster CA certificate");
	}

	@Test
	void factsJoinCollectionsAndShowNothingAsADash() {
		assertThat(this.formatter.fact(List.of("10.0.0.1", "node-1"))).isEqualTo("10.0.0.1, node-1");
		assertThat(this.formatter.fact(List.of())).isEqualTo("—");
		assertThat(this.formatter.fact(null)).isEqualTo("—");
		assertThat(this.formatter.fact(42)).isEqualTo("42");
	}

	@Test
	void commandsAreOnePerLine() {
		assertThat(this.formatter.lines(List.of("a", "b c"))).isEqualTo("a\nb c");
	}

	@Test
	void labelsAreSortedByName() {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("severity", "critical");
		labels.put("alertname", "X");
		assertThat(this.formatter.sorted(labels).keySet()).containsExactly("alertname", "severity");
	}

	private static ReportCertificate certificate(CertificateRole role, Instant notAfter) {
		return new ReportCertificate(role, "CN=" + role, "CN=kubernetes", notAfter.minus(Duration.ofDays(365)),
				notAfter, "test");
	}

}
