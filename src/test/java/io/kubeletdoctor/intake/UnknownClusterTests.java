package io.kubeletdoctor.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.cluster.ApiThrottle;
import io.kubeletdoctor.cluster.ClusterRegistry;
import io.kubeletdoctor.cluster.FixedClusterRegistry;
import io.kubeletdoctor.cluster.RateLimit;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.support.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With two clusters configured, an alert whose {@code cluster} label names neither gets a report
 * that says so at once, and no Quartz drain job is made for the value.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(UnknownClusterTests.TwoClusters.class)
class UnknownClusterTests {

	@LocalServerPort
	int port;

	@Autowired
	Scheduler scheduler;

	@Test
	void anUnknownClusterLabelOpensAReportThatSaysSoWithoutADrainJob() throws SchedulerException {
		Webhook webhook = new Webhook(this.port);
		String label = "nowhere-\u001b[31m\r\nforged";
		List<Map<String, Object>> alerts = List.of(
				Webhook.alert("firing", Webhook.newFingerprint(), Instant.now().minus(Duration.ofMinutes(1)).toString(),
						Map.of("alertname", "KubeletDown", "cluster", label)),
				Webhook.alert("firing", Webhook.newFingerprint(), Instant.now().minus(Duration.ofMinutes(1)).toString(),
						Map.of("alertname", "KubeletClientCertificateExpiration", "cluster", "elsewhere", "node", "n1")));
		var accepted = webhook.post(webhook.notification(alerts));
		assertThat(accepted.statusCode()).isEqualTo(202);
		for (JsonNode ref : webhook.json(accepted).get("reports")) {
			JsonNode report = webhook.report(ref.get("id").asString());
			assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
			JsonNode verdict = report.get("rootCause");
			assertThat(verdict.get("code").asString()).isEqualTo("UNDETERMINED");
			assertThat(verdict.get("title").asString()).startsWith("Unknown cluster");
			assertThat(verdict.get("summary").asString()).contains("names no configured cluster (configured: east, west)")
				.doesNotContain("\u001b", "\r", "\n");
		}
		assertThat(this.scheduler.getJobKeys(GroupMatcher.anyJobGroup()))
			.noneMatch((job) -> job.getName().contains("nowhere") || job.getName().contains("elsewhere"));
	}

	@Test
	void aConfiguredClusterIsStillDiagnosed() {
		Webhook webhook = new Webhook(this.port);
		String id = webhook.diagnosed(Webhook.alert("firing", Webhook.newFingerprint(),
				Instant.now().minus(Duration.ofMinutes(1)).toString(),
				Map.of("alertname", "KubeletClientCertificateExpiration", "cluster", "west", "node", "missing-node")));
		assertThat(webhook.report(id).get("cluster").asString()).isEqualTo("west");
	}

	/** Two clusters, east and west, both backed by one simulated cluster. */
	@TestConfiguration(proxyBeanMethods = false)
	static class TwoClusters {

		@Bean(destroyMethod = "close")
		SimulatedCluster simulatedCluster(java.time.Clock clock) {
			return SimulatedCluster.start(clock);
		}

		@Bean
		ClusterRegistry clusterRegistry(SimulatedCluster cluster, MeterRegistry meterRegistry) {
			ApiThrottle throttle = ApiThrottle.forClient(RateLimit.DEFAULT, cluster.client().getConfiguration(),
					meterRegistry);
			return new FixedClusterRegistry(List.of(cluster.reader("east", throttle), cluster.reader("west", throttle)));
		}

	}

}
