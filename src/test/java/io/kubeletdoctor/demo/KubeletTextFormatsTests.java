package io.kubeletdoctor.demo;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KubeletTextFormatsTests {

	@Test
	void metricValuesAreFormattedLikePrometheusDoes() {
		assertThat(KubeletMetricsText.format(25_920_000)).isEqualTo("2.592e+07");
		assertThat(KubeletMetricsText.format(172_800)).isEqualTo("172800");
		assertThat(KubeletMetricsText.format(1_234_567)).isEqualTo("1.234567e+06");
		assertThat(KubeletMetricsText.format(0)).isEqualTo("0");
		assertThat(KubeletMetricsText.format(0.5)).isEqualTo("0.5");
		assertThat(KubeletMetricsText.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
	}

	@Test
	void seriesOfADisabledRotationAreLeftOut() {
		String clientOnly = KubeletMetricsText.certificateMetrics(KubeletMetricsText.ttl(Duration.ofDays(2)), null, 3,
				0);

		assertThat(clientOnly).contains("# TYPE kubelet_certificate_manager_client_ttl_seconds gauge\n",
				"kubelet_certificate_manager_client_ttl_seconds 172800\n",
				"kubelet_certificate_manager_client_expiration_renew_errors 3\n")
			.doesNotContain("server_ttl", "kubelet_server_expiration_renew_errors");
		assertThat(KubeletMetricsText.certificateMetrics(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 9))
			.contains("kubelet_certificate_manager_client_ttl_seconds +Inf\n",
					"kubelet_certificate_manager_server_ttl_seconds +Inf\n", "kubelet_server_expiration_renew_errors 9\n");
	}

	@Test
	void journalLinesCarryTheJournalAndKlogHeaders() {
		String line = KubeletJournal.line(Instant.parse("2026-11-30T06:47:38.123456Z"), "worker-1", 'E',
				"certificate_manager.go:596", "\"Certificate request was not signed\" err=\"timed out\"");

		assertThat(line).isEqualTo("Nov 30 06:47:38.123456 worker-1 kubelet[2817]: E1130 06:47:38.123456    2817 "
				+ "certificate_manager.go:596] \"Certificate request was not signed\" err=\"timed out\"");
	}

}
