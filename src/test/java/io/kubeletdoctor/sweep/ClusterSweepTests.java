package io.kubeletdoctor.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.ClusterSweepStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.CertificateFactory.Spec;
import io.kubeletdoctor.pki.IssuedCertificate;
import io.kubeletdoctor.playbook.NodeReports.NodeReport;
import io.kubeletdoctor.playbook.Playbook;
import io.kubeletdoctor.report.CompletedDiagnosis;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.StepOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The sweep of a node-less alert against a simulated cluster, with recorded node reports in place
 * of the engine's: which nodes it picks, and what it reads to pick them.
 */
class ClusterSweepTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final Playbook KUBELET_DOWN = new Playbook("kubelet-down", "Kubelet down", List.of("KubeletDown"),
			false, List.of(StepId.NODE_STATUS));

	private final List<String> probed = new CopyOnWriteArrayList<>();

	private SimulatedCluster cluster;

	private final List<String> positions = new CopyOnWriteArrayList<>();

	private ClusterReader reader;

	private ClusterSweep sweep;

	@BeforeEach
	void setUp() {
		this.cluster = SimulatedCluster.start(CLOCK);
		this.reader = this.cluster.reader("test");
		this.sweep = new ClusterSweep(CLOCK);
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
		assertThat(diagnosis.affectedNodes()).containsExactly(
				new Report.AffectedNode("not-ready", "report-of-not-ready", "UNDETERMINED"),
				new Report.AffectedNode("went-silent", "report-of-went-silent", "UNDETERMINED"));
		assertThat(diagnosis.causes()).extracting(Report.Cause::code, Report.Cause::nodes)
			.containsExactly(tuple("UNDETERMINED", List.of("not-ready", "went-silent")));
		assertThat(this.positions).containsExactly("node 1 of 2 (not-ready)", "node 2 of 2 (went-silent)");
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

		assertThat(this.cluster.requests()).as("the CA bundle is read once for every served certificate")
			.containsExactly("GET /api/v1/nodes?limit=500", "GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases?limit=500",
					"GET /api/v1/namespaces/kube-system/configmaps/kube-root-ca.crt");
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
		assertThat(outcome.summary()).endsWith("; 3 more report Ready but their kubelet port fails a TLS handshake or serves a"
				+ " certificate that does not verify");
		assertThat(this.cluster.requests()).as("handshakes cost no API request")
			.noneMatch((request) -> request.contains("/proxy/"));
	}

	@Test
	void alsoPicksReadyNodesServingACertificateThatChainsToNoCaOfTheBundle() {
		readyNodeServingFromAnUnknownCa("unknown-authority");

		CompletedDiagnosis diagnosis = run();

		assertThat(this.probed).containsExactly("not-ready", "went-silent", "unknown-authority");
		assertThat(sweepFacts(diagnosis.steps().get(0)).nodesWithKubeletPortFailing()).singleElement()
			.satisfies((line) -> assertThat(line.toString())
				.isEqualTo("unknown-authority: serving certificate issued by CN=kubernetes chains to no CA of "
						+ "kube-root-ca.crt"));
	}

	@Test
	void withoutTheCaBundleNoServedCertificateIsSuspect() {
		readyNodeServingFromAnUnknownCa("unknown-authority");
		this.cluster.failRequests("/configmaps/kube-root-ca.crt", 403);

		run();

		assertThat(this.probed).containsExactly("not-ready", "went-silent");
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

	/** A Ready node whose serving certificate comes from a CA named like the cluster's, with another key. */
	private void readyNodeServingFromAnUnknownCa(String node) {
		Instant now = CLOCK.instant();
		IssuedCertificate unknown = CertificateFactory.certificateAuthority("kubernetes", now.minus(Duration.ofDays(3)),
				now.plus(Duration.ofDays(3650)));
		this.cluster.node(node)
			.ready()
			.servingCertificate(CertificateFactory.leaf("system:node:" + node, List.of("system:nodes"),
					Spec.serving(List.of(node), List.of("127.0.0.1")), unknown, now.minus(Duration.ofDays(3)),
					now.plus(Duration.ofDays(362))))
			.apply();
	}

	private CompletedDiagnosis run() {
		return this.sweep.diagnose(KUBELET_DOWN, this.reader, this::nodeReport);
	}

	private static ClusterSweepStepFacts sweepFacts(StepOutcome outcome) {
		assertThat(outcome.id()).isEqualTo(StepId.CLUSTER_SWEEP.id());
		return (ClusterSweepStepFacts) outcome.facts();
	}

	/** Stands in for the engine: remembers which nodes the sweep had diagnosed, reads nothing. */
	private NodeReport nodeReport(String node, String position) {
		this.probed.add(node);
		this.positions.add(position);
		Finding verdict = new Finding(RootCauseCode.UNDETERMINED, "Probed", Confidence.LOW, "probed", List.of(), "",
				List.of());
		return new NodeReport("report-of-" + node, new CompletedDiagnosis(node, KUBELET_DOWN.name(), verdict,
				List.of(), List.of(), List.of(), List.of(), null));
	}

}
