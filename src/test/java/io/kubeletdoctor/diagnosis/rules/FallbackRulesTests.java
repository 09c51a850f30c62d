package io.kubeletdoctor.diagnosis.rules;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.diagnosis.StepStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.caSigned;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.clientCsr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.days;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.hours;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.minutes;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.requestedBy;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.selfSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** NO_FAULT_FOUND and UNDETERMINED: for every evidence exactly one of the two speaks. */
class FallbackRulesTests {

	private final NoFaultFoundRule noFault = new NoFaultFoundRule();

	private final UndeterminedRule undetermined = new UndeterminedRule();

	static Stream<Arguments> cases() {
		return Stream.of(
				arguments("healthy node, stale alert", healthyNode(), RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH),
				arguments("healthy, a WARNING step", healthyNode().step(Steps.CERTIFICATE_AUTHORITY, StepStatus.WARNING),
						RootCauseCode.NO_FAULT_FOUND, Confidence.HIGH),
				arguments("healthy, logs unreadable", healthyNode().unavailable(Steps.KUBELET_LOGS),
						RootCauseCode.NO_FAULT_FOUND, Confidence.MEDIUM),
				arguments("healthy, three side steps unreadable", healthyNode().unavailable(Steps.KUBELET_LOGS)
					.unavailable(Steps.RBAC)
					.step(Steps.NODE_EVENTS, StepStatus.ERROR), RootCauseCode.NO_FAULT_FOUND, Confidence.LOW),
				arguments("kubelet certificates unreadable", healthyNode().unavailable(Steps.KUBELET_CERTIFICATES),
						RootCauseCode.UNDETERMINED, Confidence.LOW),
				arguments("node status failed in the service", healthyNode().step(Steps.NODE_STATUS, StepStatus.ERROR),
						RootCauseCode.UNDETERMINED, Confidence.LOW),
				arguments("CSR step skipped", healthyNode().step(Steps.CERTIFICATE_REQUESTS, StepStatus.SKIPPED),
						RootCauseCode.UNDETERMINED, Confidence.LOW),
				arguments("a CRITICAL step no rule explains", healthyNode().step(Steps.RBAC, StepStatus.CRITICAL),
						RootCauseCode.UNDETERMINED, Confidence.LOW),
				arguments("client certificate expires in 5 days", healthyNode().clientTtl((double) days(5).getSeconds()),
						RootCauseCode.UNDETERMINED, Confidence.LOW),
				arguments("serving certificate expires in 3 days", healthyNode().serving(caSigned(days(362), days(3))),
						RootCauseCode.UNDETERMINED, Confidence.LOW),
				arguments("node not Ready", healthyNode().notReady("KubeletNotReady"), RootCauseCode.UNDETERMINED,
						Confidence.LOW),
				arguments("port refused from here while the node reports", healthyNode().port(Reachability.REFUSED),
						RootCauseCode.UNDETERMINED, Confidence.LOW),
				arguments("client CSR of a bootstrap token Pending for an hour", healthyNode()
					.csr(requestedBy(clientCsr("csr-b1", CsrCondition.PENDING, hours(1)), "system:bootstrap:abcdef")),
						RootCauseCode.UNDETERMINED, Confidence.LOW),
				arguments("client CSR Pending for two minutes only", healthyNode()
					.csr(clientCsr("csr-k1", CsrCondition.PENDING, minutes(2))), RootCauseCode.NO_FAULT_FOUND,
						Confidence.HIGH),
				arguments("unknown authority logged while the serving certificate chains", healthyNode()
					.servingChainsToBundle(true)
					.log(LogSignal.UNKNOWN_AUTHORITY, CaMismatchRuleTests.UNKNOWN_AUTHORITY), RootCauseCode.UNDETERMINED,
						Confidence.LOW),
				arguments("401 on CSR creation while the client TTL is valid", healthyNode()
					.log(LogSignal.CSR_CREATE_UNAUTHORIZED, CsrCreateForbiddenRuleTests.UNAUTHORIZED),
						RootCauseCode.UNDETERMINED, Confidence.LOW));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void exactlyOneFallbackSpeaks(String situation, EvidenceBuilder builder, RootCauseCode expected,
			Confidence confidence) {
		Evidence evidence = builder.build();
		List<Finding> findings = Stream.of(this.noFault.evaluate(evidence), this.undetermined.evaluate(evidence))
			.flatMap(Optional::stream)
			.toList();
		assertThat(findings).singleElement().satisfies((finding) -> {
			assertThat(finding.code()).isEqualTo(expected);
			assertThat(finding.confidence()).isEqualTo(confidence);
			RuleOutcome.assertWellFormed(finding);
		});
	}

	@Test
	void bothAreFallbacks() {
		assertThat(this.noFault.fallback()).isTrue();
		assertThat(this.undetermined.fallback()).isTrue();
	}

	@Test
	void noFaultSaysTheAlertIsStaleAndWhatWasNotChecked() {
		Finding finding = RuleOutcome.finding(this.noFault, healthyNode().unavailable(Steps.KUBELET_LOGS));
		assertThat(finding.summary()).contains("stale or already healed").contains("1 could not run");
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("expires in 200 days"))
			.anyMatch((line) -> line.contains("Client certificate expires in 250 days"))
			.anyMatch((line) -> line.contains("kubelet-logs could not be checked"));
		assertThat(RuleOutcome.commands(finding)).contains("journalctl -u kubelet");
	}

	@Test
	void undeterminedListsWhatCouldNotBeCheckedAndTheManualChecks() {
		Finding finding = RuleOutcome.finding(this.undetermined, healthyNode().unavailable(Steps.KUBELET_CERTIFICATES)
			.unavailable(Steps.KUBELET_LOGS));
		assertThat(finding.evidence())
			.contains("kubelet-certificates could not be checked: kubelet-certificates could not be read in this test")
			.contains("kubelet-logs could not be checked: kubelet-logs could not be read in this test");
		assertThat(RuleOutcome.commands(finding))
			.contains("openssl x509 -subject -enddate -noout -in /var/lib/kubelet/pki/kubelet-client-current.pem")
			.contains("openssl s_client -connect 10.0.0.5:10250")
			.contains("journalctl -u kubelet");
		assertThat(finding.remediation()).anyMatch((remediation) -> remediation.title().startsWith("On the node:"));
	}

	@Test
	void undeterminedQuotesAPendingCsrNoRuleClaimed() {
		Finding finding = RuleOutcome.finding(this.undetermined, healthyNode()
			.csr(requestedBy(clientCsr("csr-b1", CsrCondition.PENDING, hours(1)), "system:bootstrap:abcdef")));
		assertThat(finding.summary()).contains("Pending for over 5 minutes")
			.contains("csr-b1")
			.contains("from system:bootstrap:abcdef");
		assertThat(RuleOutcome.commands(finding)).contains("kubectl get csr --sort-by=.metadata.creationTimestamp")
			.contains("--subresource=selfnodeclient");
	}

	@Test
	void undeterminedPointsAtTheRenewalWhenACertificateIsAboutToLapse() {
		Finding finding = RuleOutcome.finding(this.undetermined,
				healthyNode().clientTtl((double) days(5).getSeconds()));
		assertThat(finding.summary()).contains("client certificate expires in 5 days");
		assertThat(RuleOutcome.commands(finding)).contains("kubectl get csr")
			.contains("kubectl auth can-i create certificatesigningrequests --subresource=selfnodeclient"
					+ " --as=system:node:worker-1");
	}


	@Test
	void aKubeletWhoseSettingsAndMetricsWereNotReadIsNeverCalledHealthy() {
		EvidenceBuilder unread = healthyNode().serving(selfSigned(days(300), days(5))).noConfig().noMetrics();

		assertThat(this.noFault.evaluate(unread.build())).isEmpty();
		Finding finding = RuleOutcome.finding(this.undetermined, unread);
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("answered the handshake, but its rotation "
				+ "settings (/configz) and certificate metrics (/metrics) were not read"));
	}

}
