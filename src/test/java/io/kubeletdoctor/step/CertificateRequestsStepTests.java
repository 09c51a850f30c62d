package io.kubeletdoctor.step;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.demo.SimulatedCsrs;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.CertificateRequestsStepFacts;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.kubeletdoctor.step.StepFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertificateRequestsStepTests {

	private final StepFixture fixture = new StepFixture();

	private final CertificateRequestsStep step = new CertificateRequestsStep();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void servingCsrPendingForHalfAnHourIsCriticalAndDecoded() {
		this.fixture.cluster.addCsr(SimulatedCsrs.kubeletServing("csr-serve", "n1", List.of("10.0.0.11"), ago(35)));
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		CsrRecord csr = single(context);
		assertThat(csr.condition()).isEqualTo(CsrCondition.PENDING);
		assertThat(csr.servingRequest()).isTrue();
		assertThat(csr.username()).isEqualTo("system:node:n1");
		assertThat(csr.age()).isEqualTo(Duration.ofMinutes(35));
		assertThat(csr.commonName()).isEqualTo("system:node:n1");
		assertThat(csr.organizations()).containsExactly("system:nodes");
		assertThat(csr.sans()).containsExactly("n1", "10.0.0.11");
		assertThat(csr.usages()).containsExactly("digital signature", "server auth");
		assertThat(csr.proofOfPossession()).isTrue();
		assertThat(result.summary()).contains("csr-serve (kubelet-serving) pending for 35 minutes");
		CertificateRequestsStepFacts facts = StepFixture.facts(result, CertificateRequestsStepFacts.class);
		assertThat(facts.pending()).isEqualTo(1);
		assertThat(facts.total()).isEqualTo(1);
	}

	@Test
	void youngPendingClientCsrIsAWarning() {
		this.fixture.cluster.addCsr(SimulatedCsrs.kubeletClient("csr-young", "n1", ago(4)));

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.WARNING);
	}

	@Test
	void approvedButNeverIssuedIsCriticalAndCountedClusterWide() {
		this.fixture.cluster.addCsr(SimulatedCsrs.approved(SimulatedCsrs.kubeletServing("csr-n1", "n1", List.of(), ago(30))));
		this.fixture.cluster.addCsr(SimulatedCsrs.approved(SimulatedCsrs.kubeletClient("csr-n2", "n2", ago(20))));
		this.fixture.cluster.addCsr(SimulatedCsrs.approved(SimulatedCsrs.kubeletClient("csr-n3", "n3", ago(2))));
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(single(context).condition()).isEqualTo(CsrCondition.APPROVED);
		assertThat(single(context).reason()).isEqualTo("KubectlApprove");
		// approved within the last five minutes may still be signed: csr-n3 does not count
		assertThat(context.evidence().get(CertificateRequestFacts.class).orElseThrow().clusterApprovedNotIssued())
			.isEqualTo(2);
		assertThat(result.summary()).contains("approved 28 minutes ago but not issued")
			.contains("2 approved CSRs cluster-wide were never issued");
	}

	@Test
	void issuedCsrsAreOkAndTheirNewestCertificatesAreObserved() {
		CertificateSigningRequest older = SimulatedCsrs.issued(SimulatedCsrs.kubeletClient("csr-old", "n1", ago(50)),
				this.fixture.cluster.clusterCa(), NOW.plus(Duration.ofDays(100)));
		CertificateSigningRequest newer = SimulatedCsrs.issued(SimulatedCsrs.kubeletClient("csr-new", "n1", ago(10)),
				this.fixture.cluster.clusterCa(), NOW.plus(Duration.ofDays(365)));
		CertificateSigningRequest serving = SimulatedCsrs.issued(
				SimulatedCsrs.kubeletServing("csr-srv", "n1", List.of("10.0.0.11"), ago(20)),
				this.fixture.cluster.clusterCa(), NOW.plus(Duration.ofDays(365)));
		this.fixture.cluster.addCsr(older);
		this.fixture.cluster.addCsr(newer);
		this.fixture.cluster.addCsr(serving);
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		CertificateRequestFacts facts = context.evidence().get(CertificateRequestFacts.class).orElseThrow();
		assertThat(facts.requests()).extracting(CsrRecord::name).containsExactly("csr-new", "csr-srv", "csr-old");
		assertThat(facts.client(CsrCondition.ISSUED)).hasSize(2);
		assertThat(facts.requests().get(0).issuedNotAfter()).isEqualTo(NOW.plus(Duration.ofDays(365)));
		assertThat(context.evidence().certificates()).extracting((c) -> c.role() + " " + c.source())
			.containsExactlyInAnyOrder("CLIENT CSR csr-new", "SERVING CSR csr-srv");
		assertThat(context.evidence().certificates())
			.filteredOn((c) -> c.role() == CertificateRole.SERVING)
			.singleElement()
			.satisfies((c) -> assertThat(c.info().ipAddresses()).containsExactly("10.0.0.11"));
	}

	@Test
	void deniedAndFailedCsrsAreCriticalWithTheirReasons() {
		this.fixture.cluster.addCsr(SimulatedCsrs.denied(SimulatedCsrs.kubeletClient("csr-denied", "n1", ago(40)),
				"AdminDenied", "not one of our nodes"));
		this.fixture.cluster.addCsr(SimulatedCsrs.failed(SimulatedCsrs.kubeletServing("csr-failed", "n1", List.of(), ago(30)),
				"DNS or IP subjectAltName is required"));
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		CertificateRequestFacts facts = context.evidence().get(CertificateRequestFacts.class).orElseThrow();
		assertThat(facts.withCondition(CsrCondition.DENIED)).singleElement()
			.satisfies((csr) -> assertThat(csr.message()).isEqualTo("not one of our nodes"));
		assertThat(facts.withCondition(CsrCondition.FAILED)).singleElement()
			.satisfies((csr) -> assertThat(csr.reason()).isEqualTo("SignerValidationFailure"));
		assertThat(result.summary()).contains("csr-failed (kubelet-serving) failed: SignerValidationFailure")
			.contains("(+1 more)");
	}

	@Test
	void bootstrapRequestsForTheNodeCountAndOtherNodesDoNot() {
		CertificateSigningRequest bootstrap = new CertificateSigningRequestBuilder(
				SimulatedCsrs.kubeletClient("node-csr-boot", "n1", ago(3)))
			.editSpec()
			.withUsername("system:bootstrap:abcdef")
			.withGroups("system:bootstrappers", "system:bootstrappers:kubeadm:default-node-token")
			.endSpec()
			.build();
		this.fixture.cluster.addCsr(bootstrap);
		this.fixture.cluster.addCsr(SimulatedCsrs.kubeletClient("csr-other", "n2", ago(3)));
		StepContext context = this.fixture.context("n1");

		this.step.run(context);

		assertThat(single(context).name()).isEqualTo("node-csr-boot");
		assertThat(single(context).username()).isEqualTo("system:bootstrap:abcdef");
	}

	@Test
	void requesterThatIsNotTheNodeOfTheCommonNameIsFlagged() {
		this.fixture.cluster.addCsr(new CertificateSigningRequestBuilder(
				SimulatedCsrs.kubeletServing("csr-foreign", "n1", List.of("10.0.0.11"), ago(2)))
			.editSpec()
			.withUsername("system:node:n2")
			.endSpec()
			.build());
		this.fixture.cluster.addCsr(new CertificateSigningRequestBuilder(
				SimulatedCsrs.kubeletServing("csr-by-admin", "n1", List.of("10.0.0.11"), ago(2)))
			.editSpec()
			.withUsername("kubernetes-admin")
			.endSpec()
			.build());
		this.fixture.cluster.addCsr(new CertificateSigningRequestBuilder(
				SimulatedCsrs.kubeletClient("node-csr-boot", "n1", ago(2)))
			.editSpec()
			.withUsername("system:bootstrap:abcdef")
			.endSpec()
			.build());

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.WARNING);
		assertThat(StepFixture.facts(result, CertificateRequestsStepFacts.class).requesterMismatch())
			.containsExactlyInAnyOrder("csr-foreign: requested by system:node:n2 for CN system:node:n1",
					"csr-by-admin: requested by kubernetes-admin for CN system:node:n1");
	}

	@Test
	void noCsrsIsOk() {
		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		assertThat(result.summary()).startsWith("No CSRs for the node");
	}

	@Test
	void nodesOfOneDrainShareOneCsrList() {
		this.fixture.cluster.addCsr(SimulatedCsrs.kubeletClient("csr-1", "n1", ago(3)));
		this.fixture.cluster.addCsr(SimulatedCsrs.kubeletClient("csr-2", "n2", ago(3)));
		this.fixture.cluster.clearRequests();
		StepContext first = this.fixture.context("n1");
		StepContext second = this.fixture.context("n2");

		this.step.run(first);
		this.step.run(second);

		assertThat(this.fixture.cluster.requests()).containsExactly(
				"GET /apis/certificates.k8s.io/v1/certificatesigningrequests?limit=500");
		assertThat(single(first).name()).isEqualTo("csr-1");
		assertThat(single(second).name()).isEqualTo("csr-2");
	}

	@Test
	void forbiddenCsrListSurfacesAsClusterAccessExceptionForEveryNode() {
		this.fixture.cluster.failRequests("certificatesigningrequests", 403);

		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> this.step.run(this.fixture.context("n1")))
			.satisfies((ex) -> assertThat(ex.forbidden()).isTrue());
		this.fixture.cluster.clearRequests();
		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> this.step.run(this.fixture.context("n2")));
		assertThat(this.fixture.cluster.requests()).isEmpty();
	}

	private static Instant ago(int minutes) {
		return NOW.minus(Duration.ofMinutes(minutes));
	}

	private static CsrRecord single(StepContext context) {
		List<CsrRecord> requests = context.evidence().get(CertificateRequestFacts.class).orElseThrow().requests();
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
