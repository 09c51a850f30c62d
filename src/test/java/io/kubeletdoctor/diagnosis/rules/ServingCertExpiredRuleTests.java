package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.util.stream.Stream;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.NOW;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.caSigned;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.csr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.days;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.minutes;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.selfSigned;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.servingCsr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ServingCertExpiredRuleTests {

	private static final double INF = Double.POSITIVE_INFINITY;

	private final ServingCertExpiredRule rule = new ServingCertExpiredRule();

	static Stream<Arguments> cases() {
		return Stream.of(
				arguments("healthy node", healthyNode(), null),
				arguments("self-signed certificate expired, no rotation metric", healthyNode().config(true, false)
					.serverTtl(null)
					.serving(selfSigned(days(368), days(-3))), Confidence.HIGH),
				arguments("CA-signed certificate expired and server TTL +Inf", healthyNode().serverTtl(INF)
					.serving(caSigned(days(368), days(-3))), Confidence.HIGH),
				arguments("no certificate served, newest issued one expired, server TTL +Inf", healthyNode()
					.port(Reachability.HANDSHAKE_FAILED)
					.serverTtl(INF)
					.observed(CertificateRole.SERVING, caSigned(days(367), days(-2))), Confidence.HIGH),
				arguments("no certificate served, nothing known about its expiry", healthyNode()
					.port(Reachability.HANDSHAKE_FAILED)
					.serverTtl(INF), null),
				arguments("no certificate served, newest issued one still valid", healthyNode()
					.port(Reachability.HANDSHAKE_FAILED)
					.csr(issuedServing(days(300))), null),
				arguments("expired handshake leaf but the server TTL is finite", healthyNode()
					.serving(caSigned(days(368), days(-3))), Confidence.LOW),
				arguments("expired leaf and the serving manager's expiry log line", healthyNode().serverTtl(null)
					.serving(caSigned(days(368), days(-1)))
					.log(LogSignal.CURRENT_CERTIFICATE_EXPIRED,
							"kubernetes.io/kubelet-serving: Current certificate is expired"), Confidence.HIGH),
				arguments("kubelet port refused", healthyNode().port(Reachability.REFUSED), null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesAnExpiredServingCertificate(String situation, EvidenceBuilder evidence, @Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.SERVING_CERT_EXPIRED, expected);
	}

	@Test
	void selfSignedCertificateIsRegeneratedOrMovedToBootstrap() {
		Finding finding = RuleOutcome.finding(this.rule,
				healthyNode().config(true, false).serverTtl(null).serving(selfSigned(days(368), days(-3))));
		assertThat(finding.title()).contains("self-signed");
		assertThat(finding.summary()).contains("self-signed").contains("expired 3 days ago");
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("NotAfter " + NOW.minus(days(3))));
		assertThat(RuleOutcome.commands(finding)).contains("/var/lib/kubelet/pki/kubelet.crt")
			.contains("serverTLSBootstrap: true")
			.contains("sudo systemctl restart kubelet");
	}

	@Test
	void caSignedCertificateWithPendingCsrPointsAtThatCsr() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().serverTtl(INF)
			.serving(caSigned(days(368), days(-3)))
			.csr(servingCsr("csr-zz9", CsrCondition.PENDING, minutes(20))));
		assertThat(finding.title()).contains("CA-signed");
		assertThat(RuleOutcome.commands(finding)).contains("kubectl certificate approve csr-zz9")
			.contains("kubectl get csr csr-zz9 -o jsonpath='{.spec.username}");
	}

	private static CsrRecord issuedServing(Duration remaining) {
		return csr("csr-srv01", CsrRecord.KUBELET_SERVING_SIGNER, CsrCondition.ISSUED, minutes(50),
				NOW.plus(remaining), null, null);
	}

}
