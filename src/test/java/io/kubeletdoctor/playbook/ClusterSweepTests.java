package io.kubeletdoctor.playbook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Diagnoser;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.ClusterSweepStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.CertificateFactory.Spec;
import io.kubeletdoctor.pki.IssuedCertificate;
import io.kubeletdoctor.report.CompletedDiagnosis;
import io.kubeletdoctor.report.OpenReport;
import io.kubeletdoctor.report.QueuedReport;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportQueue;
import io.kubeletdoctor.report.ReportStore;
import io.kubeletdoctor.report.StepOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep of a node-less alert against a simulated cluster, with a probe step in place of the
 * real ones: which nodes it picks, and what it reads to pick them.
 */
class ClusterSweepTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final Playbook KUBELET_DOWN = new Playbook("kubelet-down", "Kubelet down", List.of("KubeletDown"),
			false, List.of(StepId.NODE_STATUS));

	private final List<String> probed = new CopyOnWriteArrayList<>();

	private SimulatedCluster cluster;

	private ClusterReader reader;

	private ReportStore store;

	private ClusterSweep sweep;

	@BeforeEach
	void setUp() {
		this.cluster = SimulatedCluster.start(CLOCK);
		this.reader = this.cluster.reader("test");
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		JsonMapper json = JsonMapper.builder().build();
		this.store = new ReportStore(jdbc, json, CLOCK);
		NodeDiagnostics diagnostics = new NodeDiagnostics(List.of(new ProbeStep(this.probed)),
				new Diagnoser(List.of(new UndeterminedRule())), CLOCK, new PlaybookMetrics(new SimpleMeterRegistry()));
		this.sweep = new ClusterSweep(diagnostics, new ReportQueue(jdbc, json, CLOCK), CLOCK);
		this.cluster.node("healthy").apply();
		this.cluster.node("not-ready").notReady("KubeletNotReady", "PLEG is not healthy").apply();
		this.cluster.node("went-silent").ready().leaseAge(Duration.ofSeconds(45)).apply();
		this.cluster.node("just-renewed").ready().leaseAge(Duration.ofSeconds(30)).apply();
		this.cluster.node("no-lease").ready().noLease().apply();
	}

	@AfterEach
	void tearDown() {
		this.cluster.close();
	}

	@Test
	void picksNodesThatAreNotReadyAndNodesThatStillSayReadyButStoppedRenewingTheirLease() {
		CompletedDiagnosis diagnosis = run();

		assertThat(this.probed).containsExactly("not-ready", "went-silent");
		assertThat(diagnosis.affectedNodes()).extracting(Report.AffectedNode::node)
			.containsExactly("not-ready", "went-silent");
		StepOutcome outcome = diagnosis.steps().get(0);
		assertThat(outcome.status()).isEqualTo(StepStatus.CRITICAL);
		ClusterSweepStepFacts facts = sweepFacts(outcome);
		assertThat(facts.nodesChecked()).isEqualTo(5);
		assertThat(facts.nodesNotReady()).containsExactly("not-ready");
		assertThat(facts.nodesWithStaleLease()).containsExactly("went-silent");
		assertThat(outcome.summary())
			.isEqualTo("1 of 5 nodes are not Ready; 1 more still say Ready but stopped renewing their Lease");
	}

	@Test
	void readsEveryLeaseWithOneListAndNoLeaseOnItsOwn() {
		this.cluster.clearRequests();

		run();

		assertThat(this.cluster.requests()).containsExactly("GET /api/v1/nodes",
				"GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases");
	}

	@Test
	void withoutLeasesTheReadyConditionStillDecides() {
		this.cluster.failRequests("/namespaces/kube-node-lease/leases", 403);

		CompletedDiagnosis diagnosis = run();

		assertThat(this.probed).containsExactly("not-ready");
		assertThat(sweepFacts(diagnosis.steps().get(0)).leasesError()).isNotBlank();
	}

	@Test
	void alsoPicksReadyNodesWhoseKubeletPortFailsAHandshake() {
		Instant now = CLOCK.instant();
		IssuedCertificate expired = CertificateFactory.leaf("system:node:expired", List.of("system:nodes"),
				Spec.serving(List.of("expired"), List.of("127.0.0.1")), this.cluster.clusterCa(),
				now.minus(Duration.ofDays(365)), now.minus(Duration.ofDays(1)));
		this.cluster.node("refusing").ready().kubeletDown().apply();
		this.cluster.node("no-serving-certificate").ready().noServingCertificate().apply();
		this.cluster.node("expired").ready().servingCertificate(expired).apply();

		CompletedDiagnosis diagnosis = run();

		assertThat(this.probed).containsExactlyInAnyOrder("not-ready", "went-silent", "refusing",
				"no-serving-certificate", "expired");
		StepOutcome outcome = diagnosis.steps().get(0);
		assertThat(sweepFacts(outcome).nodesWithKubeletPortFailing())
			.hasSize(3)
			.anySatisfy((line) -> assertThat(line.toString()).startsWith("refusing: refused on 127.0.0.1:"))
			.anySatisfy((line) -> assertThat(line.toString()).startsWith("no-serving-certificate: handshake failed"))
			.anySatisfy((line) -> assertThat(line.toString()).startsWith("expired: serving certificate expired"));
		assertThat(outcome.summary()).endsWith("; 3 more report Ready but their kubelet port fails a TLS handshake");
		assertThat(this.cluster.requests()).as("handshakes cost no API request")
			.noneMatch((request) -> request.contains("/proxy/"));
	}

	@Test
	void aHealthyClusterHasNoFault() {
		this.cluster.node("not-ready").ready().apply();
		this.cluster.node("went-silent").leaseAge(Duration.ofSeconds(5)).apply();

		CompletedDiagnosis diagnosis = run();

		assertThat(this.probed).isEmpty();
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.NO_FAULT_FOUND);
		assertThat(diagnosis.rootCause().summary()).contains("renew their Lease");
	}

	private CompletedDiagnosis run() {
		String id = this.store.open(new OpenReport("test", null, null, Report.Scope.CLUSTER, "n-1"));
		QueuedReport report = new QueuedReport(id, "test", null, null, Report.Scope.CLUSTER, List.of());
		return this.sweep.run(report, KUBELET_DOWN, this.reader, new SharedEvidence(), Map.of());
	}

	private static ClusterSweepStepFacts sweepFacts(StepOutcome outcome) {
		assertThat(outcome.id()).isEqualTo(StepId.CLUSTER_SWEEP.id());
		return (ClusterSweepStepFacts) outcome.facts();
	}

	/** Stands in for the real steps: remembers which nodes the sweep diagnosed, reads nothing. */
	private record ProbeStep(List<String> probed) implements DiagnosisStep {

		@Override
		public StepId id() {
			return StepId.NODE_STATUS;
		}

		@Override
		public String title() {
			return "Probe";
		}

		@Override
		public StepResult run(StepContext context) {
			this.probed.add(context.nodeName());
			return StepResult.of(StepStatus.OK, "probed", StepFacts.NONE);
		}

	}

	private static final class UndeterminedRule implements DiagnosisRule {

		@Override
		public Optional<Finding> evaluate(Evidence evidence) {
			return Optional.of(new Finding(RootCauseCode.UNDETERMINED, "Probed", Confidence.LOW, "probed",
					List.of(), "", List.of()));
		}

		@Override
		public boolean fallback() {
			return true;
		}

	}

}
