package io.kubeletdoctor.report.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportAlert;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalLinksTests {

	@Test
	void runbookSourceAndAlertmanagerBecomeLinks() {
		List<ExternalLinks.Link> links = ExternalLinks.of(ReportFixtures.clientCertExpired("r1"),
				"http://alertmanager.example:9093/");
		assertThat(links).extracting(ExternalLinks.Link::label)
			.containsExactly("Runbook", "Alert source in Prometheus", "Alertmanager");
		assertThat(links.get(0).href()).isEqualTo("https://runbooks.example/kubelet");
		assertThat(links.get(1).href()).isEqualTo(ReportFixtures.GENERATOR_URL);
		assertThat(links.get(2).href()).startsWith("http://alertmanager.example:9093/#/alerts?filter=");
	}

	@Test
	void onlyHttpUrlsBecomeLinks() {
		Report hostile = ReportFixtures.hostileAlert("evil");
		assertThat(ExternalLinks.of(hostile, "javascript:alert(1)")).isEmpty();
	}

	@Test
	void alertmanagerFilterMatchesTheSharedLabelsWithQuotesEscaped() {
		Map<String, String> first = new LinkedHashMap<>();
		first.put("node", "node-1");
		first.put("alertname", "A");
		first.put("note", "say \"hi\"");
		Map<String, String> second = new LinkedHashMap<>(first);
		second.put("alertname", "B");
		String url = ExternalLinks.alertmanagerAlerts("https://am.example",
				List.of(alert(first), alert(second)));
		String filter = URLDecoder.decode(url.substring(url.indexOf("filter=") + 7), StandardCharsets.UTF_8);
		assertThat(filter).isEqualTo("{node=\"node-1\",note=\"say \\\"hi\\\"\"}");
		assertThat(url).doesNotContain("+", " ");
	}

	private static ReportAlert alert(Map<String, String> labels) {
		return new ReportAlert(labels.get("alertname"), "f", "firing", ReportFixtures.NOW, null, labels, Map.of(),
				null);
	}

}
