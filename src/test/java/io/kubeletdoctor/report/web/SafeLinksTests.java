package io.kubeletdoctor.report.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SafeLinksTests {

	@ParameterizedTest
	@ValueSource(strings = { "http://prometheus:9090/graph?g0.expr=up%3D%3D0&g0.tab=1", "https://grafana.example/d/x",
			"HTTPS://Prometheus.example/graph", "http://prometheus_k8s:9090/graph" })
	void httpAndHttpsUrlsBecomeLinks(String url) {
		assertThat(SafeLinks.httpOrNull(url)).isEqualTo(url);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
			"\tjavascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
			"file:///etc/passwd", "mailto:oncall@example.com", "//evil.example/x", "/graph", "http:/graph",
			"http:graph", "not a url" })
	void everythingElseStaysText(String url) {
		assertThat(SafeLinks.httpOrNull(url)).isNull();
	}

}
