package io.kubeletdoctor.step;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.Answer;
import io.kubeletdoctor.diagnosis.stepfacts.CertificateAuthorityStepFacts;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.IssuedCertificate;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.kubeletdoctor.step.StepFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertificateAuthorityStepTests {

	private final StepFixture fixture = new StepFixture();

	private final CertificateAuthorityStep step = new CertificateAuthorityStep();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void servingCertificateFromTheClusterCaChainsToTheBundle() throws Exception {
		this.fixture.cluster.node("n1").apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = runAfterHandshake(context);

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		CertificateAuthorityFacts facts = context.evidence().get(CertificateAuthorityFacts.class).orElseThrow();
		assertThat(facts.servingChainsToBundle()).isTrue();
		assertThat(facts.bundle()).singleElement().satisfies((ca) -> assertThat(ca.commonName()).isEqualTo("kubernetes"));
		assertThat(facts.controllerManagerLeaseAge()).isNull();
		assertThat(context.evidence().certificates()).filteredOn((c) -> c.role() == CertificateRole.CA)
			.singleElement()
			.satisfies((c) -> assertThat(c.source()).isEqualTo("ConfigMap kube-system/kube-root-ca.crt"));
		CertificateAuthorityStepFacts shown = StepFixture.facts(result, CertificateAuthorityStepFacts.class);
		assertThat(shown.servingChainsToBundle()).isEqualTo(Answer.of(true));
		assertThat(shown.rotationBundle()).isFalse();
		assertThat(result.summary()).contains("serving certificate chains to it");
	}

	@Test
	void rotationBundleHoldsBothCasAndTheNewOneSignsTheKubelet() throws Exception {
		IssuedCertificate next = authority("kubernetes-2025", Duration.ofDays(3000));
		this.fixture.cluster.publishCaBundle(this.fixture.cluster.clusterCa(), next);
		this.fixture.cluster.node("n1").servingCertificate(serving(next)).apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = runAfterHandshake(context);

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		CertificateAuthorityFacts facts = context.evidence().get(CertificateAuthorityFacts.class).orElseThrow();
		assertThat(facts.bundle()).hasSize(2);
		assertThat(facts.servingChainsToBundle()).isTrue();
		assertThat(StepFixture.facts(result, CertificateAuthorityStepFacts.class).rotationBundle()).isTrue();
	}

	@Test
	void servingCertificateFromASameNamedOldCaIsAMismatch() throws Exception {
		IssuedCertificate replaced = authority("kubernetes", Duration.ofDays(3000));
		this.fixture.cluster.node("n1").servingCertificate(serving(replaced)).apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = runAfterHandshake(context);

		assertThat(result.status()).isEqualTo(StepStatus.WARNING);
		assertThat(context.evidence().get(CertificateAuthorityFacts.class).orElseThrow().servingChainsToBundle()).isFalse();
		assertThat(result.summary()).contains("not signed by any CA in the bundle");
	}

	@Test
	void selfSignedServingCertificateLeavesTheChainUndecided() throws Exception {
		IssuedCertificate selfSigned = CertificateFactory.leaf("n1@1767225600", List.of(),
				CertificateFactory.Spec.serving(List.of("n1"), List.of()), null, NOW.minus(Duration.ofDays(60)),
				NOW.plus(Duration.ofDays(300)));
		this.fixture.cluster.node("n1").servingCertificate(selfSigned).apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = runAfterHandshake(context);

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		assertThat(context.evidence().get(CertificateAuthorityFacts.class).orElseThrow().servingChainsToBundle()).isNull();
		assertThat(StepFixture.facts(result, CertificateAuthorityStepFacts.class).servingChainsToBundle())
			.isEqualTo(Answer.undecided("undecided"));
	}

	@Test
	void expiredCaIsCriticalAndOneExpiringThisMonthAWarning() {
		this.fixture.cluster.publishCaBundle(authority("old-ca", Duration.ofDays(-3)));
		StepResult expired = this.step.run(this.fixture.context("n1"));

		this.fixture.cluster.publishCaBundle(authority("soon-ca", Duration.ofDays(12)));
		StepResult expiring = this.step.run(this.fixture.contextInNewDrain("n1"));

		assertThat(expired.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(expired.summary()).contains("CN=old-ca expired 3 days ago");
		assertThat(expiring.status()).isEqualTo(StepStatus.WARNING);
		assertThat(expiring.summary()).contains("CN=soon-ca expires in 12 days");
	}

	@Test
	void controllerManagerLeaseAgeIsReadAndAStaleOneIsAWarning() {
		storeControllerManagerLease(Duration.ofMinutes(10));
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.WARNING);
		assertThat(context.evidence().get(CertificateAuthorityFacts.class).orElseThrow().controllerManagerLeaseAge())
			.isEqualTo(Duration.ofMinutes(10));
		assertThat(result.summary()).contains("controller-manager Lease was last renewed 10 minutes ago");
		assertThat(StepFixture.facts(result, CertificateAuthorityStepFacts.class).controllerManagerLease())
			.isEqualTo("held by cp-1_4f2a");
	}

	@Test
	void missingCaConfigMapIsUnavailable() {
		this.fixture.cluster.client().configMaps().inNamespace("kube-system").withName("kube-root-ca.crt").delete();

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.UNAVAILABLE);
		assertThat(result.manualCommand()).contains("/etc/kubernetes/pki/ca.crt");
	}

	@Test
	void forbiddenCaConfigMapSurfacesAsClusterAccessException() {
		this.fixture.cluster.failRequests("/namespaces/kube-system/configmaps", 403);

		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> this.step.run(this.fixture.context("n1")))
			.satisfies((ex) -> assertThat(ex.forbidden()).isTrue());
	}

	@Test
	void nodesOfOneDrainShareTheBundleAndLeaseReads() {
		this.fixture.cluster.clearRequests();

		this.step.run(this.fixture.context("n1"));
		this.step.run(this.fixture.context("n2"));

		assertThat(this.fixture.cluster.requests()).containsExactlyInAnyOrder(
				"GET /api/v1/namespaces/kube-system/configmaps/kube-root-ca.crt",
				"GET /apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager");
	}

	private StepResult runAfterHandshake(StepContext context) throws Exception {
		return StepFixture.run(context, new NodeStatusStep(), new KubeletCertificatesStep(), this.step);
	}

	private void storeControllerManagerLease(Duration age) {
		this.fixture.cluster.client()
			.resource(new LeaseBuilder().withNewMetadata()
				.withName("kube-controller-manager")
				.withNamespace("kube-system")
				.endMetadata()
				.withNewSpec()
				.withHolderIdentity("cp-1_4f2a")
				.withLeaseDurationSeconds(15)
				.withRenewTime(NOW.minus(age).atZone(ZoneOffset.UTC))
				.endSpec()
				.build())
			.create();
	}

	private static IssuedCertificate authority(String name, Duration remaining) {
		Instant notAfter = NOW.plus(remaining);
		return CertificateFactory.certificateAuthority(name, notAfter.minus(Duration.ofDays(3650)), notAfter);
	}

	private static IssuedCertificate serving(IssuedCertificate ca) {
		return CertificateFactory.leaf("system:node:n1", List.of("system:nodes"),
				CertificateFactory.Spec.serving(List.of("n1"), List.of("127.0.0.1")), ca, NOW.minus(Duration.ofDays(10)),
				NOW.plus(Duration.ofDays(300)));
	}

}
