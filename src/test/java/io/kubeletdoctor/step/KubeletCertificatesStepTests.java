package io.kubeletdoctor.step;

import java.time.Duration;
import java.util.List;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.demo.KubeletMetricsText;
import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.KubeletConfigFacts;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.KubeletCertificatesStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.MetricValue;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.IssuedCertificate;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.kubeletdoctor.step.StepFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class KubeletCertificatesStepTests {

	private final StepFixture fixture = new StepFixture();

	private final NodeStatusStep nodeStatus = new NodeStatusStep();

	private final KubeletCertificatesStep step = new KubeletCertificatesStep();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void healthyKubeletIsOkWithServingCertificateConfigAndMetrics() throws Exception {
		this.fixture.cluster.node("n1").apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = StepFixture.run(context, this.nodeStatus, this.step);

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		String endpoint = "127.0.0.1:" + this.fixture.cluster.node("n1").kubeletPort();
		KubeletEndpointFacts facts = context.evidence().get(KubeletEndpointFacts.class).orElseThrow();
		assertThat(facts.endpoint()).isEqualTo(endpoint);
		assertThat(facts.reachability()).isEqualTo(Reachability.TLS_OK);
		assertThat(facts.servingCertificate().commonName()).isEqualTo("system:node:n1");
		assertThat(context.evidence().get(HandshakeChain.class)).isPresent();
		assertThat(context.evidence().certificates()).singleElement().satisfies((certificate) -> {
			assertThat(certificate.role()).isEqualTo(CertificateRole.SERVING);
			assertThat(certificate.source()).isEqualTo("TLS handshake " + endpoint);
		});
		KubeletConfigFacts config = context.evidence().get(KubeletConfigFacts.class).orElseThrow();
		assertThat(config.rotateCertificates()).isTrue();
		assertThat(config.serverTlsBootstrap()).isTrue();
		KubeletMetricsFacts metrics = context.evidence().get(KubeletMetricsFacts.class).orElseThrow();
		assertThat(metrics.clientTtlSeconds()).isPositive();
		assertThat(metrics.serverTtlSeconds()).isEqualTo((double) Duration.ofDays(300).getSeconds());
		assertThat(result.summary()).contains("valid for 300 days").contains("rotation: client on, serving on");
		KubeletCertificatesStepFacts shown = StepFixture.facts(result, KubeletCertificatesStepFacts.class);
		assertThat(shown.reachability()).isEqualTo("TLS_OK");
		assertThat(shown.notRead()).isNull();
	}

	@Test
	void expiredServingCertificateIsCritical() throws Exception {
		IssuedCertificate expired = serving(this.fixture.cluster.clusterCa(), Duration.ofDays(-2));
		this.fixture.cluster.node("n1").servingCertificate(expired).configz(false, false).apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = StepFixture.run(context, this.nodeStatus, this.step);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(result.summary()).isEqualTo("Serving certificate expired 48 hours ago");
		assertThat(context.evidence().get(KubeletConfigFacts.class)).as("no token for an expired certificate").isEmpty();
		assertThat(notRead(result)).first().asString().startsWith("configz: not read: the serving certificate of ")
			.contains("does not verify (expired: NotAfter: ");
	}

	@Test
	void whereNodesProxyIsGrantedAnExpiredKubeletIsReadThroughTheApiServer() throws Exception {
		IssuedCertificate expired = serving(this.fixture.cluster.clusterCa(), Duration.ofDays(-2));
		this.fixture.cluster.node("n1").servingCertificate(expired).configz(false, false).apply();
		this.fixture.cluster.grantNodeProxy();
		StepContext context = this.fixture.context("n1");

		StepResult result = StepFixture.run(context, this.nodeStatus, this.step);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(context.evidence().get(KubeletConfigFacts.class).orElseThrow().rotateCertificates()).isFalse();
		assertThat(context.evidence().get(KubeletMetricsFacts.class).orElseThrow().clientTtlSeconds()).isNull();
	}

	@Test
	void servingCertificateExpiringWithinAWeekIsAWarning() throws Exception {
		this.fixture.cluster.node("n1").servingCertificate(serving(this.fixture.cluster.clusterCa(), Duration.ofDays(3))).apply();

		StepResult result = StepFixture.run(this.fixture.context("n1"), this.nodeStatus, this.step);

		assertThat(result.status()).isEqualTo(StepStatus.WARNING);
		assertThat(result.summary()).contains("expires in 3 days");
	}

	@Test
	void kubeletWithoutServingCertificateIsCriticalAndNotProxied() throws Exception {
		this.fixture.cluster.node("n1").noServingCertificate().apply();
		StepContext context = this.fixture.context("n1");
		this.fixture.cluster.clearRequests();

		StepResult result = StepFixture.run(context, this.nodeStatus, this.step);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(context.evidence().get(KubeletEndpointFacts.class).orElseThrow().reachability())
			.isEqualTo(Reachability.HANDSHAKE_FAILED);
		assertThat(context.evidence().certificates()).isEmpty();
		assertThat(context.evidence().get(KubeletConfigFacts.class)).isEmpty();
		assertThat(this.fixture.cluster.requests()).noneMatch((request) -> request.contains("/proxy/"));
		assertThat(notRead(result)).singleElement().asString().contains("does not serve TLS");
	}

	@Test
	void kubeletDownIsCritical() throws Exception {
		this.fixture.cluster.node("n1").kubeletDown().apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = StepFixture.run(context, this.nodeStatus, this.step);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(context.evidence().get(KubeletEndpointFacts.class).orElseThrow().reachability())
			.isEqualTo(Reachability.REFUSED);
		assertThat(result.summary()).contains("refused the connection");
	}

	@Test
	void hangingKubeletTimesOutAndTheNodeProxyProbeConfirmsItWhereGranted() throws Exception {
		this.fixture.cluster.node("n1").kubeletHanging().apply();
		this.fixture.cluster.grantNodeProxy();
		StepContext context = this.fixture.context("n1");

		StepResult result = StepFixture.run(context, this.nodeStatus, this.step);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(context.evidence().get(KubeletEndpointFacts.class).orElseThrow().reachability())
			.isEqualTo(Reachability.TIMEOUT);
		assertThat(notRead(result)).anySatisfy((line) -> assertThat(line).startsWith("configz: HTTP 503"))
			.anySatisfy((line) -> assertThat(line).startsWith("metrics: skipped"));
		assertThat(StepFixture.facts(result, KubeletCertificatesStepFacts.class).kubeletAccess())
			.startsWith("through the API server's node proxy because the direct read of 127.0.0.1:");
	}

	@Test
	void aSelfSignedKubeletShowsItsHandshakeAndSaysWhyNothingElseWasRead() throws Exception {
		NodeCertificatesForSteps.selfSigned(this.fixture.cluster.node("n1"), StepFixture.NOW).apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = StepFixture.run(context, this.nodeStatus, this.step);

		KubeletCertificatesStepFacts facts = StepFixture.facts(result, KubeletCertificatesStepFacts.class);
		assertThat(facts.reachability()).isEqualTo("TLS_OK");
		assertThat(facts.servingSelfGenerated()).isTrue();
		assertThat(facts.rotateCertificates()).isNull();
		assertThat(facts.kubeletAccess()).startsWith("not read: the serving certificate of 127.0.0.1:")
			.contains("so the service-account token was not sent", "nodes/proxy is not granted");
		assertThat(notRead(result)).containsExactly("configz: " + facts.kubeletAccess(),
				"metrics: not read either, for the same reason");
		assertThat(this.fixture.cluster.kubeletRequests()).isEmpty();
	}

	@Test
	void failedKubeletReadsDoNotFailTheStepWhenTheHandshakeWorked() throws Exception {
		this.fixture.cluster.node("n1").configzBody(404, "404 page not found\n").apply();
		this.fixture.cluster.grantKubeletAccess("nodes/configz", "nodes/log");
		StepContext context = this.fixture.context("n1");

		StepResult result = StepFixture.run(context, this.nodeStatus, this.step);

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		assertThat(context.evidence().get(KubeletConfigFacts.class)).isEmpty();
		assertThat(context.evidence().get(KubeletMetricsFacts.class)).isEmpty();
		assertThat(notRead(result)).anySatisfy((line) -> assertThat(line).startsWith("configz: HTTP 404"))
			.anySatisfy((line) -> assertThat(line).startsWith("metrics: HTTP 403 (forbidden: kubelet-doctor needs get on "
					+ "nodes/metrics)"));
	}

	@Test
	void infiniteClientTtlMeansNoValidClientCertificate() throws Exception {
		this.fixture.cluster.node("n1")
			.metrics(KubeletMetricsText.certificateMetrics(Double.POSITIVE_INFINITY, 2.0e7, 7, 0))
			.apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = StepFixture.run(context, this.nodeStatus, this.step);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(context.evidence().get(KubeletMetricsFacts.class).orElseThrow().noValidClientCertificate()).isTrue();
		KubeletCertificatesStepFacts facts = StepFixture.facts(result, KubeletCertificatesStepFacts.class);
		assertThat(facts.clientTtlSeconds()).isEqualTo(new MetricValue(Double.POSITIVE_INFINITY));
		assertThat(facts.clientRenewErrors()).isEqualTo(new MetricValue(7));
		assertThat(result.summary()).contains("holds no valid client certificate");
	}

	@Test
	void skippedWhenTheNodeDoesNotExist() throws Exception {
		StepResult result = StepFixture.run(this.fixture.context("ghost"), this.nodeStatus, this.step);

		assertThat(result.status()).isEqualTo(StepStatus.SKIPPED);
	}

	private IssuedCertificate serving(IssuedCertificate ca, Duration remaining) {
		return CertificateFactory.leaf("system:node:n1", List.of("system:nodes"),
				CertificateFactory.Spec.serving(List.of("n1"), List.of("127.0.0.1")), ca, NOW.minus(Duration.ofDays(30)),
				NOW.plus(remaining));
	}

	private static List<String> notRead(StepResult result) {
		return StepFixture.facts(result, KubeletCertificatesStepFacts.class).notRead();
	}

}
