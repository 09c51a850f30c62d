package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.util.stream.Stream;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.diagnosis.StepStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.NOW;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.csr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.days;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.hours;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.kubeletDown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ClientCertExpiredRuleTests {

	private static final double INF = Double.POSITIVE_INFINITY;

	private static final String NO_VALID = "E0801 transport.go:123] \"No valid client certificate is found and the"
			+ " server is responsive, exiting.\" lastCertificateAvailabilityTime=\"2026-07-29 12:00:00\"";

	private static final String HAS_EXPIRED = "E0801 transport.go:140] \"The currently active client certificate has"
			+ " expired and the server is responsive, exiting.\"";

	private final ClientCertExpiredRule rule = new ClientCertExpiredRule();

	static Stream<Arguments> cases() {
		return Stream.of(
				arguments("healthy node", healthyNode(), null),
				arguments("TTL +Inf, log line, Lease stale while the port answers", healthyNode().clientTtl(INF)
					.log(LogSignal.NO_VALID_CLIENT_CERTIFICATE, NO_VALID)
					.heartbeatLost(hours(2)), Confidence.HIGH),
				arguments("TTL +Inf and Lease stale while the port answers", healthyNode().clientTtl(INF)
					.heartbeatLost(hours(2)), Confidence.HIGH),
				arguments("same, but the kubelet logs could not be read", healthyNode().clientTtl(INF)
					.heartbeatLost(hours(2))
					.unavailable(Steps.KUBELET_LOGS), Confidence.MEDIUM),
				arguments("TTL +Inf alone while the Lease still renews", healthyNode().clientTtl(INF), Confidence.LOW),
				arguments("refused port, expired issued certificate and exit log line (crash loop)",
						kubeletDown().step(Steps.KUBELET_LOGS, StepStatus.OK)
							.log(LogSignal.CLIENT_CERTIFICATE_EXPIRED, HAS_EXPIRED)
							.csr(expiredClientCsr()), Confidence.HIGH),
				arguments("refused port and only an expired issued certificate, logs unreadable",
						kubeletDown().csr(expiredClientCsr()), Confidence.MEDIUM),
				arguments("Lease stale while the port answers, no TTL series", healthyNode().heartbeatLost(hours(1))
					.clientTtl(null), Confidence.LOW),
				arguments("no TTL series, node status and Lease updates answered Unauthorized", healthyNode()
					.heartbeatLost(hours(1))
					.clientTtl(null)
					.log(LogSignal.API_UNAUTHORIZED, "\"Failed to ensure lease exists, will retry\" err=\"Unauthorized\""),
						Confidence.MEDIUM),
				arguments("the same 401s while the Lease still renews", healthyNode().clientTtl(null)
					.log(LogSignal.API_UNAUTHORIZED, "\"Failed to ensure lease exists, will retry\" err=\"Unauthorized\""),
						Confidence.LOW),
				arguments("Lease stale while the port answers, but the TTL is finite", healthyNode()
					.heartbeatLost(hours(1)), null),
				arguments("401 on CSR creation only, no TTL series", healthyNode().clientTtl(null)
					.log(LogSignal.CSR_CREATE_UNAUTHORIZED, "cannot create certificate signing request: Unauthorized"),
						Confidence.LOW),
				arguments("CSR creation forbidden as system:anonymous, no TTL series", healthyNode().clientTtl(null)
					.log(LogSignal.CSR_CREATE_FORBIDDEN, CsrCreateForbiddenRuleTests.ANONYMOUS_FORBIDDEN), Confidence.LOW),
				arguments("CSR creation forbidden for the node identity, no TTL series", healthyNode().clientTtl(null)
					.log(LogSignal.CSR_CREATE_FORBIDDEN, CsrCreateForbiddenRuleTests.RBAC_FORBIDDEN), null),
				arguments("'Current certificate is expired' from the serving manager only", healthyNode()
					.log(LogSignal.CURRENT_CERTIFICATE_EXPIRED,
							"I0801 certificate_manager.go:356] kubernetes.io/kubelet-serving: Current certificate is expired"),
						null),
				arguments("old expiry log lines but the TTL says renewed", healthyNode()
					.log(LogSignal.NO_VALID_CLIENT_CERTIFICATE, NO_VALID)
					.clientTtl((double) days(300).getSeconds()), null),
				arguments("kubelet down without any certificate sign", kubeletDown(), null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesAnExpiredClientCertificate(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.CLIENT_CERT_EXPIRED, expected);
	}

	@Test
	void saysWhenItExpiredAndHowToReissueForThisNode() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().clientTtl(INF)
			.heartbeatLost(hours(2))
			.port(Reachability.TLS_OK)
			.csr(expiredClientCsr()));
		assertThat(finding.summary()).contains("expired 3 days ago");
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("+Inf"))
			.anyMatch((line) -> line.contains("NotAfter " + NOW.minus(days(3))));
		assertThat(RuleOutcome.commands(finding))
			.contains("kubeadm kubeconfig user --org system:nodes --client-name system:node:worker-1")
			.contains("/var/lib/kubelet/pki/kubelet-client-current.pem")
			.contains("sudo systemctl restart kubelet");
		assertThat(finding.remediation()).anyMatch((remediation) -> remediation.title().startsWith("On the node:"));
	}

	@Test
	void quotesTheLogLines() {
		Finding finding = RuleOutcome.finding(this.rule,
				healthyNode().clientTtl(INF).log(LogSignal.NO_VALID_CLIENT_CERTIFICATE, NO_VALID));
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("No valid client certificate is found"));
		assertThat(finding.summary()).contains("not visible from the API");
	}

	private static CsrRecord expiredClientCsr() {
		return csr("csr-old12", CsrRecord.KUBELET_CLIENT_SIGNER, CsrCondition.ISSUED, Duration.ofMinutes(30),
				NOW.minus(days(3)), null, null);
	}

}
