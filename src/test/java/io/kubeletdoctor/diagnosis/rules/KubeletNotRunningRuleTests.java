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

class KubeletNotRunningRuleTests {

	private final KubeletNotRunningRule rule = new KubeletNotRunningRule();

	static Stream<Arguments> cases() {
		return Stream.of(
				arguments("healthy node", healthyNode(), null),
				arguments("port refused, Lease stale, logs unreadable", kubeletDown(), Confidence.MEDIUM),
				arguments("port refused, Lease stale, logs read and clean",
						kubeletDown().step(Steps.KUBELET_LOGS, StepStatus.OK), Confidence.HIGH),
				arguments("port timing out, node status unreadable", kubeletDown().port(Reachability.TIMEOUT)
					.unavailable(Steps.NODE_STATUS), Confidence.LOW),
				arguments("port refused from here while the node still reports",
						healthyNode().port(Reachability.REFUSED), null),
				arguments("port refused with an expired client certificate known",
						kubeletDown().csr(csr("csr-old12", CsrRecord.KUBELET_CLIENT_SIGNER, CsrCondition.ISSUED,
								Duration.ofMinutes(30), NOW.minus(days(3)), null, null)), null),
				arguments("port refused and the kubelet logged no valid client certificate",
						kubeletDown().step(Steps.KUBELET_LOGS, StepStatus.OK)
							.log(LogSignal.NO_VALID_CLIENT_CERTIFICATE,
									"No valid client certificate is found and the server is responsive, exiting."),
						null),
				arguments("port refused and CSR creation got 401", kubeletDown().step(Steps.KUBELET_LOGS, StepStatus.OK)
					.log(LogSignal.CSR_CREATE_UNAUTHORIZED, "cannot create certificate signing request: Unauthorized"),
						null),
				arguments("port answers but serves no certificate", kubeletDown().port(Reachability.HANDSHAKE_FAILED),
						null),
				arguments("node not found", kubeletDown().nodeNotFound(), null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesAStoppedKubelet(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.KUBELET_NOT_RUNNING, expected);
	}

	@Test
	void saysSinceWhenAndHowToRestart() {
		Finding finding = RuleOutcome.finding(this.rule, kubeletDown().heartbeatLost(hours(2)));
		assertThat(finding.summary()).contains("nothing listens on the kubelet port 10.0.0.5:10250")
			.contains("stopped reporting 2 hours ago");
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("REFUSED"))
			.anyMatch((line) -> line.contains("kubelet-logs could not be checked"));
		assertThat(finding.remediation()).anySatisfy((remediation) -> {
			assertThat(remediation.title()).startsWith("On the node:");
			assertThat(remediation.commands()).containsExactly("sudo systemctl status kubelet --no-pager",
					"sudo journalctl -u kubelet --since \"1 hour ago\" --no-pager", "sudo systemctl restart kubelet");
		});
	}

}
