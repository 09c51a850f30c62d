package io.kubeletdoctor.report.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.report.ReportCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateTimelineTests {

	private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	@Test
	void rotationWindowIsSeventyToNinetyPercentOfTheLifetime() {
		CertificateTimeline timeline = CertificateTimeline.of(certificate(CertificateRole.CLIENT, -10, 90), NOW);
		assertThat(timeline.rotationFrom()).isEqualTo(NOW.minus(Duration.ofDays(10)).plus(Duration.ofDays(70)));
		assertThat(timeline.rotationUntil()).isEqualTo(NOW.minus(Duration.ofDays(10)).plus(Duration.ofDays(90)));
		assertThat(timeline.bar()).isEqualTo(new CertificateTimeline.Bar("0.00%", "100.00%", "70.00%", "20.00%",
				"10.00%"));
		assertThat(timeline.state()).isEqualTo("expires in 90 days; rotation window opens in 60 days");
		assertThat(timeline.tone()).isEqualTo("ok");
	}

	@Test
	void expiredCertificateStretchesTheScaleToNow() {
		// 100 days of life that ended 100 days ago: the lifetime is the first half of the bar
		CertificateTimeline timeline = CertificateTimeline.of(certificate(CertificateRole.SERVING, -200, -100), NOW);
		assertThat(timeline.bar().lifeWidth()).isEqualTo("50.00%");
		assertThat(timeline.bar().nowX()).isEqualTo("100.00%");
		assertThat(timeline.state()).isEqualTo("expired 100 days ago");
		assertThat(timeline.tone()).isEqualTo("bad");
	}

	@Test
	void stateSaysWhereNowIsAgainstTheWindow() {
		assertThat(CertificateTimeline.of(certificate(CertificateRole.CLIENT, -80, 20), NOW).state())
			.endsWith("in its rotation window, the kubelet should renew it now");
		CertificateTimeline overdue = CertificateTimeline.of(certificate(CertificateRole.CLIENT, -95, 5), NOW);
		assertThat(overdue.state()).isEqualTo("expires in 5 days; past its rotation window without being renewed");
		assertThat(overdue.tone()).isEqualTo("bad");
		assertThat(CertificateTimeline.of(certificate(CertificateRole.CLIENT, 1, 100), NOW).state())
			.startsWith("not valid yet");
	}

	@Test
	void caHasNoRotationWindowAndWarnsInItsLastMonth() {
		CertificateTimeline ca = CertificateTimeline.of(certificate(CertificateRole.CA, -3000, 20), NOW);
		assertThat(ca.rotationFrom()).isNull();
		assertThat(ca.bar().windowX()).isNull();
		assertThat(ca.name()).isEqualTo("Cluster CA");
		assertThat(ca.tone()).isEqualTo("warn");
		assertThat(CertificateTimeline.of(certificate(CertificateRole.CA, -300, 3000), NOW).tone()).isEqualTo("ok");
	}

	@Test
	void kubeletCertificatesComeBeforeTheCa() {
		List<CertificateTimeline> timelines = CertificateTimeline.of(List.of(certificate(CertificateRole.CA, -1, 9),
				certificate(CertificateRole.SERVING, -1, 9), certificate(CertificateRole.CLIENT, -1, 9)), NOW);
		assertThat(timelines).extracting(CertificateTimeline::name)
			.containsExactly("Client certificate", "Serving certificate", "Cluster CA");
	}

	private static ReportCertificate certificate(CertificateRole role, int notBeforeDays, int notAfterDays) {
		return new ReportCertificate(role, "CN=" + role, "CN=kubernetes", NOW.plus(Duration.ofDays(notBeforeDays)),
				NOW.plus(Duration.ofDays(notAfterDays)), "test");
	}

}
