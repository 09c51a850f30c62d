package io.kubeletdoctor.notify;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.intake.ReportResolved;
import io.kubeletdoctor.playbook.ReportCompleted;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportQuery;
import io.kubeletdoctor.report.ReportStatus;
import io.kubeletdoctor.report.Reports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Which reports reach which routes, and when a resolve sends a follow-up. */
class ReportNotifierTests {

	private final RecordingReceiver receiver = RecordingReceiver.start();

	private final Deliveries deliveries = NotifyFixtures.singleAttemptDeliveries();

	private final Map<String, Report> stored = new ConcurrentHashMap<>();

	private final JsonMapper json = JsonMapper.builder().build();

	private final ReportNotifier notifier = new ReportNotifier(new StoredReports(),
			new NotificationRoutes(List.of(route("everything", Set.of(), Set.of(), Set.of()),
					route("other-cluster", Set.of("staging"), Set.of(), Set.of()),
					route("kubelet-down", Set.of(), Set.of("KubeletDown"), Set.of()),
					route("client-cert", Set.of("prod"), Set.of("KubeletClientCertificateExpiration"),
							Set.of(RootCauseCode.CLIENT_CERT_EXPIRED)),
					route("ca-only", Set.of(), Set.of(), Set.of(RootCauseCode.CA_EXPIRED, RootCauseCode.CA_MISMATCH)))),
			List.of(new SlackSink(this.json), new TeamsSink(this.json), new WebhookSink(this.json)), this.deliveries,
			Clock.fixed(NotifyFixtures.NOW, ZoneOffset.UTC));

	@AfterEach
	void stop() {
		this.deliveries.close();
		this.receiver.close();
	}

	@Test
	void completedReportReachesEveryRouteWhoseFiltersAllMatch() {
		store(NotifyFixtures.clientCertExpired("r1"));
		this.notifier.onCompleted(new ReportCompleted("r1"));

		settle();
		assertThat(this.receiver.received("/everything")).hasSize(1);
		assertThat(this.receiver.received("/client-cert")).hasSize(1);
		assertThat(this.receiver.received("/other-cluster")).as("cluster filter").isEmpty();
		assertThat(this.receiver.received("/kubelet-down")).as("alertname filter").isEmpty();
		assertThat(this.receiver.received("/ca-only")).as("root-cause filter").isEmpty();
		assertThat(this.receiver.received("/everything").get(0).json().get("event").asString())
			.isEqualTo("report.completed");
	}

	@Test
	void clusterSweepReachesTheAlertnameRoute() {
		store(NotifyFixtures.clusterSweep("r2", "child"));
		this.notifier.onCompleted(new ReportCompleted("r2"));

		settle();
		assertThat(this.receiver.received("/kubelet-down")).hasSize(1);
		assertThat(this.receiver.received("/everything")).hasSize(1);
		assertThat(this.receiver.received("/client-cert")).isEmpty();
	}

	@Test
	void resolveOfACompletedReportSendsAFollowUpToTheSameRoutes() {
		store(NotifyFixtures.withStatus(NotifyFixtures.clientCertExpired("r3"), ReportStatus.COMPLETED,
				Report.AlertStatus.RESOLVED));
		this.notifier.onResolved(new ReportResolved("r3"));

		settle();
		assertThat(this.receiver.received("/everything")).hasSize(1);
		assertThat(this.receiver.received("/client-cert")).hasSize(1);
		assertThat(this.receiver.received("/other-cluster")).isEmpty();
		assertThat(this.receiver.received("/everything").get(0).json().get("event").asString())
			.isEqualTo("report.resolved");
	}

	@Test
	void resolveBeforeTheVerdictOrOfAFailedReportSendsNothing() {
		store(NotifyFixtures.withStatus(NotifyFixtures.clientCertExpired("r4"), ReportStatus.RUNNING,
				Report.AlertStatus.RESOLVED));
		store(NotifyFixtures.withStatus(NotifyFixtures.clientCertExpired("r5"), ReportStatus.FAILED,
				Report.AlertStatus.RESOLVED));
		this.notifier.onResolved(new ReportResolved("r4"));
		this.notifier.onResolved(new ReportResolved("r5"));
		this.notifier.onResolved(new ReportResolved("never-stored"));

		settle();
		assertThat(this.receiver.received("/everything")).isEmpty();
	}

	@Test
	void verdictOfAReportResolvedMeanwhileSaysSo() {
		store(NotifyFixtures.withStatus(NotifyFixtures.clientCertExpired("r6"), ReportStatus.COMPLETED,
				Report.AlertStatus.RESOLVED));
		this.notifier.onCompleted(new ReportCompleted("r6"));

		settle();
		assertThat(this.receiver.received("/everything").get(0).json().get("alertStatus").asString())
			.isEqualTo("RESOLVED");
	}

	private void settle() {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.deliveries.pending() == 0);
	}

	private void store(Report report) {
		this.stored.put(report.id(), report);
	}

	private NotificationRoute route(String name, Set<String> clusters, Set<String> alertnames,
			Set<RootCauseCode> codes) {
		return new NotificationRoute(name, SinkType.WEBHOOK, URI.create(this.receiver.url("/" + name)), alertnames,
				codes, clusters, Map.of());
	}

	private final class StoredReports implements Reports {

		@Override
		public Optional<Report> find(String id) {
			return Optional.ofNullable(ReportNotifierTests.this.stored.get(id));
		}

		@Override
		public List<Report> search(ReportQuery query) {
			return List.copyOf(ReportNotifierTests.this.stored.values());
		}

	}

}
