package io.kubeletdoctor.step;

import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KubeletMetricsParserTests {

	@Test
	void readsTheFourCertificateManagerSeries() {
		String exposition = """
				# HELP kubelet_certificate_manager_client_expiration_renew_errors [ALPHA] Counter of certificate renewal errors.
				# TYPE kubelet_certificate_manager_client_expiration_renew_errors counter
				kubelet_certificate_manager_client_expiration_renew_errors 4
				# HELP kubelet_certificate_manager_client_ttl_seconds [ALPHA] Gauge of the TTL (time-to-live) of the Kubelet's client certificate.
				# TYPE kubelet_certificate_manager_client_ttl_seconds gauge
				kubelet_certificate_manager_client_ttl_seconds 2.5915123e+07
				# TYPE kubelet_certificate_manager_server_rotation_seconds histogram
				kubelet_certificate_manager_server_rotation_seconds_bucket{le="+Inf"} 1
				# TYPE kubelet_certificate_manager_server_ttl_seconds gauge
				kubelet_certificate_manager_server_ttl_seconds +Inf
				# TYPE kubelet_server_expiration_renew_errors counter
				kubelet_server_expiration_renew_errors 0
				""";

		KubeletMetricsFacts facts = KubeletMetricsParser.parse(exposition);

		assertThat(facts.clientTtlSeconds()).isEqualTo(2.5915123e+07);
		assertThat(facts.serverTtlSeconds()).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(facts.noValidServingCertificate()).isTrue();
		assertThat(facts.clientRenewErrors()).isEqualTo(4.0);
		assertThat(facts.serverRenewErrors()).isEqualTo(0.0);
	}

	@Test
	void sumsTheKubeletsOwnUnauthorizedRequestsOverMethodsAndHosts() {
		String exposition = """
				# TYPE rest_client_requests_total counter
				rest_client_requests_total{code="200",host="10.0.0.10:6443",method="GET"} 51234
				rest_client_requests_total{code="401",host="10.0.0.10:6443",method="PUT"} 300
				rest_client_requests_total{code="401",host="10.0.0.10:6443",method="GET"} 12
				rest_client_requests_total{code="<error>",host="10.0.0.10:6443",method="GET"} 7
				""";

		assertThat(KubeletMetricsParser.parse(exposition).unauthorizedRequests()).isEqualTo(312.0);
		assertThat(KubeletMetricsParser.parse("kubelet_running_pods 3\n").unauthorizedRequests()).isNull();
	}

	@Test
	void absentSeriesStayNullWhenRotationIsOff() {
		String exposition = """
				# TYPE kubelet_running_pods gauge
				kubelet_running_pods 12
				kubelet_certificate_manager_client_ttl_seconds_total 99
				""";

		KubeletMetricsFacts facts = KubeletMetricsParser.parse(exposition);

		assertThat(facts.clientTtlSeconds()).isNull();
		assertThat(facts.serverTtlSeconds()).isNull();
		assertThat(facts.clientRenewErrors()).isNull();
		assertThat(facts.serverRenewErrors()).isNull();
		assertThat(facts.noValidClientCertificate()).isFalse();
	}

	@Test
	void toleratesLabelsTimestampsAndWindowsLineEndings() {
		String exposition = "kubelet_server_expiration_renew_errors{node=\"n}1\"} 3 1700000000000\r\n"
				+ "kubelet_certificate_manager_client_ttl_seconds Inf\r\n";

		KubeletMetricsFacts facts = KubeletMetricsParser.parse(exposition);

		assertThat(facts.serverRenewErrors()).isEqualTo(3.0);
		assertThat(facts.clientTtlSeconds()).isInfinite();
		assertThat(facts.noValidClientCertificate()).isTrue();
	}

}
