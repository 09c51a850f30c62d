package io.kubeletdoctor.notify;

import java.time.Duration;
import java.util.List;

import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.report.ReportCertificate;
import org.junit.jupiter.api.Test;

import static io.kubeletdoctor.notify.NotifyFixtures.NOW;
import static io.kubeletdoctor.notify.NotifyFixtures.certificate;
import static io.kubeletdoctor.notify.NotifyFixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;

/** The certificate that hurts first, as the report page names it. */
class TimeToImpactTests {

	private static final List<ReportCertificate> CERTIFICATES = List.of(
			certificate(CertificateRole.CA, NOW.plus(Duration.ofHours(5))),
			certificate(CertificateRole.SERVING, NOW.plus(Duration.ofHours(41).plusMinutes(20))),
			certificate(CertificateRole.CLIENT, NOW.plus(Duration.ofDays(200))));

	@Test
	void nearestKubeletCertificateCountsForKubeletVerdicts() {
		TimeToImpact impact = TimeToImpact
			.of(CERTIFICATES, finding(RootCauseCode.SERVING_CSR_NOT_APPROVED, "t", Confidence.HIGH), NOW)
			.orElseThrow();
		assertThat(impact.certificate()).isEqualTo(CertificateRole.SERVING);
		assertThat(impact.text()).isEqualTo("serving certificate expires in 41 hours");
	}

	@Test
	void caCountsForCaVerdicts() {
		TimeToImpact impact = TimeToImpact
			.of(CERTIFICATES, finding(RootCauseCode.CA_EXPIRING, "t", Confidence.HIGH), NOW)
			.orElseThrow();
		assertThat(impact.text()).isEqualTo("cluster CA certificate expires in 5 hours");
	}

	@Test
	void noKubeletCertificateMeansNoTimeToImpact() {
		assertThat(TimeToImpact.of(List.of(CERTIFICATES.get(0)), null, NOW)).isEmpty();
		assertThat(TimeToImpact.of(List.of(), null, NOW)).isEmpty();
	}

}
