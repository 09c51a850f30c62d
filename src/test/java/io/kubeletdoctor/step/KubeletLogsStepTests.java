package io.kubeletdoctor.step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.demo.KubeletJournal;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.KubeletLogsStepFacts;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.kubeletdoctor.step.StepFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class KubeletLogsStepTests {

	private static final String NOT_SIGNED = "\"Certificate request was not signed\" err=\"timed out waiting for the "
			+ "condition\" logger=\"kubernetes.io/kube-apiserver-client-kubelet.UnhandledError\"";

	private final StepFixture fixture = new StepFixture();

	private final KubeletLogsStep step = new KubeletLogsStep();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void classifiesCertificateLinesNewestFirstAndQueriesOnlyThem() {
		this.fixture.cluster.node("n1")
			.logs(line(Duration.ofMinutes(47), 'E', NOT_SIGNED),
					KubeletJournal.line(NOW.minus(Duration.ofMinutes(40)), "n1", 'E', "pod_workers.go:1301",
							"\"Error syncing pod, skipping\" err=\"failed to pull image\""),
					line(Duration.ofMinutes(31), 'E', NOT_SIGNED),
					line(Duration.ofMinutes(20), 'I', "\"Certificate rotation deadline determined\" expiration=\"x\""),
					line(Duration.ofMinutes(16), 'E', NOT_SIGNED))
			.apply();
		StepContext context = this.fixture.contextWithNode("n1");
		this.fixture.cluster.clearRequests();

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.WARNING);
		KubeletLogFacts logs = context.evidence().get(KubeletLogFacts.class).orElseThrow();
		assertThat(logs.lines()).hasSize(3).allMatch((l) -> l.signal() == LogSignal.CSR_NOT_SIGNED_TIMEOUT);
		assertThat(logs.lines().get(0).text()).contains(clock(Duration.ofMinutes(16)));
		KubeletLogsStepFacts facts = StepFixture.facts(result, KubeletLogsStepFacts.class);
		assertThat(facts.linesRead()).isEqualTo(4);
		assertThat(facts.linesClassified()).isEqualTo(3);
		assertThat(result.summary()).contains("CSR_NOT_SIGNED_TIMEOUT x3");
		assertThat(this.fixture.cluster.kubeletRequests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).startsWith("/logs/?query=kubelet&sinceTime=2026-03-01T10%3A00%3A00Z&pattern=");
			assertThat(request.permission()).isEqualTo("nodes/log");
		});
		assertThat(this.fixture.cluster.requests()).noneMatch((request) -> request.contains("/proxy/"));
		assertThat(facts.kubeletAccess()).startsWith("direct to 127.0.0.1:");
	}

	@Test
	void forbiddenCsrCreationIsCritical() {
		this.fixture.cluster.node("n1")
			.logs(line(Duration.ofMinutes(3), 'E', "\"Failed while requesting a signed certificate from the control "
					+ "plane\" err=\"cannot create certificate signing request: certificatesigningrequests.certificates.k8s.io "
					+ "is forbidden: User \\\"system:anonymous\\\" cannot create resource \\\"certificatesigningrequests\\\" "
					+ "in API group \\\"certificates.k8s.io\\\" at the cluster scope\""))
			.apply();
		StepContext context = this.fixture.contextWithNode("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(context.evidence().get(KubeletLogFacts.class).orElseThrow().has(LogSignal.CSR_CREATE_FORBIDDEN)).isTrue();
	}

	@Test
	void quietLogIsOk() {
		this.fixture.cluster.node("n1").logs().apply();
		StepContext context = this.fixture.contextWithNode("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		assertThat(context.evidence().get(KubeletLogFacts.class).orElseThrow().lines()).isEmpty();
	}

	@Test
	void keepsOnlyTheNewestLines() {
		List<String> lines = new ArrayList<>();
		for (int minutes = 119; minutes >= 0; minutes--) {
			lines.add(line(Duration.ofMinutes(minutes), 'E', NOT_SIGNED));
		}
		this.fixture.cluster.node("n1").logs(lines.toArray(String[]::new)).apply();
		StepContext context = this.fixture.contextWithNode("n1");

		this.step.run(context);

		List<KubeletLogFacts.Line> kept = context.evidence().get(KubeletLogFacts.class).orElseThrow().lines();
		assertThat(kept).hasSize(KubeletLogsStep.MAX_LINES);
		assertThat(kept.get(0).text()).contains(clock(Duration.ZERO));
		assertThat(kept.get(kept.size() - 1).text()).contains(clock(Duration.ofMinutes(49)));
	}

	@Test
	void logQueryNotEnabledIsUnavailableWithTheJournalctlCommand() {
		this.fixture.cluster.node("n1").logsBody(404, "text/plain; charset=utf-8", "404 page not found\n").apply();
		StepContext context = this.fixture.contextWithNode("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.UNAVAILABLE);
		assertThat(result.summary()).contains("not enabled (HTTP 404)");
		assertThat(result.manualCommand()).startsWith("journalctl -u kubelet");
		assertThat(context.evidence().get(KubeletLogFacts.class)).isEmpty();
	}

	@Test
	void directoryListingMeansLogQueryIsOff() {
		this.fixture.cluster.node("n1")
			.logsBody(200, "text/html; charset=utf-8", "<pre>\n<a href=\"apt/\">apt/</a>\n<a href=\"journal/\">journal/</a>\n</pre>\n")
			.apply();

		StepResult result = this.step.run(this.fixture.contextWithNode("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.UNAVAILABLE);
		assertThat(result.summary()).contains("file browser");
		assertThat(result.manualCommand()).contains("journalctl");
	}

	@Test
	void directoryListingIsRecognisedWithoutAContentType() {
		this.fixture.cluster.node("n1").logsBody(200, "text/plain", "<pre>\n<a href=\"pods/\">pods/</a>\n</pre>\n").apply();

		StepResult result = this.step.run(this.fixture.contextWithNode("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.UNAVAILABLE);
	}

	@Test
	void kubeletDownIsUnavailable() {
		this.fixture.cluster.node("n1").kubeletDown().apply();

		StepResult result = this.step.run(this.fixture.contextWithNode("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.UNAVAILABLE);
		assertThat(result.summary()).contains("could not be reached").contains("connection refused");
		assertThat(result.manualCommand()).contains("journalctl");
	}

	@Test
	void nodesLogNotGrantedIsUnavailable() {
		this.fixture.cluster.node("n1").apply();
		this.fixture.cluster.grantKubeletAccess("nodes/metrics", "nodes/configz");

		StepResult result = this.step.run(this.fixture.contextWithNode("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.UNAVAILABLE);
		assertThat(result.summary()).contains("may not read node logs (HTTP 403)", "needs get on nodes/log");
		assertThat(result.manualCommand()).contains("journalctl");
	}

	@Test
	void aSelfSignedKubeletIsNotSentTheTokenAndTheStepSaysWhy() {
		NodeCertificatesForSteps.selfSigned(this.fixture.cluster.node("n1"), NOW).apply();

		StepResult result = this.step.run(this.fixture.contextWithNode("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.UNAVAILABLE);
		assertThat(result.summary()).startsWith("The kubelet log was not read: the serving certificate of 127.0.0.1:")
			.contains("does not verify", "so the service-account token was not sent", "nodes/proxy is not granted");
		assertThat(this.fixture.cluster.kubeletRequests()).isEmpty();
	}

	@Test
	void whereNodesProxyIsGrantedASelfSignedKubeletIsReadThroughTheApiServer() {
		NodeCertificatesForSteps.selfSigned(this.fixture.cluster.node("n1"), NOW).logs().apply();
		this.fixture.cluster.grantNodeProxy();

		StepResult result = this.step.run(this.fixture.contextWithNode("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		assertThat(StepFixture.facts(result, KubeletLogsStepFacts.class).kubeletAccess())
			.startsWith("through the API server's node proxy because the serving certificate of 127.0.0.1:")
			.endsWith("nodes/proxy is granted (SelfSubjectAccessReview)");
		assertThat(this.fixture.cluster.requests()).anyMatch((request) -> request.contains("/api/v1/nodes/n1/proxy/logs/"));
	}

	private static String line(Duration ago, char severity, String message) {
		return KubeletJournal.line(NOW.minus(ago), "n1", severity, "certificate_manager.go:596", message);
	}

	/** The klog time of a line written {@code ago}, e.g. {@code 0301 11:44:00}. */
	private static String clock(Duration ago) {
		Instant at = NOW.minus(ago);
		return String.format("%02d%02d %s", 3, 1, at.toString().substring(11, 19));
	}

}
