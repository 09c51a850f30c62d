package io.kubeletdoctor.diagnosis.rules;

import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.authority;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.days;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CaExpiredRuleTests {

	private final CaExpiredRule rule = new CaExpiredRule();

	static Stream<Arguments> cases() {
		return Stream.of(arguments("healthy cluster", healthyNode(), null),
				arguments("CA expired", healthyNode().caBundle(authority(days(3650), days(-4))), Confidence.MEDIUM),
				arguments("CA expired and CSRs left unsigned cluster-wide", healthyNode()
					.caBundle(authority(days(3650), days(-4)))
					.clusterApprovedNotIssued(12), Confidence.HIGH),
				arguments("CA expired and the kubelet logs x509 errors", healthyNode()
					.caBundle(authority(days(3650), days(-4)))
					.log(LogSignal.CERTIFICATE_EXPIRED, "x509: certificate has expired or is not yet valid"),
						Confidence.HIGH),
				arguments("old CA expired during a rotation, new one valid", healthyNode()
					.caBundle(authority(days(3650), days(-4)), authority(days(30), days(3620))), null),
				arguments("CA step could not run", healthyNode().caBundle(authority(days(3650), days(-4)))
					.unavailable(Steps.CERTIFICATE_AUTHORITY), null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesAnExpiredClusterCa(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.CA_EXPIRED, expected);
	}

	@Test
	void saysSinceWhenAndPointsAtTheRotationProcedure() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().caBundle(authority(days(3650), days(-4))));
		assertThat(finding.summary()).contains("expired 4 days ago");
		assertThat(finding.remediation()).anyMatch((remediation) -> remediation.title()
			.contains("https://kubernetes.io/docs/tasks/tls/manual-rotation-of-ca-certificates/"));
		assertThat(RuleOutcome.commands(finding)).contains("kubeadm certs check-expiration");
	}

}
