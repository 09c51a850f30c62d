package io.kubeletdoctor.diagnosis.rules;

import java.util.stream.Stream;

import io.kubeletdoctor.cluster.Reachability;
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
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.selfSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The chain check alone is MEDIUM at most, because kube-root-ca.crt is the API server's bundle and may
 * legitimately differ from the kubelet signers; the kubelet's unknown-authority errors agreeing make it
 * HIGH. Those errors alone name nothing.
 */
class CaMismatchRuleTests {

	static final String UNKNOWN_AUTHORITY = "E0801 reflector.go:158] Failed to watch *v1.Node: Get"
			+ " \"https://10.0.0.1:6443/api/v1/nodes\": tls: failed to verify certificate: x509: certificate signed"
			+ " by unknown authority";

	private final CaMismatchRule rule = new CaMismatchRule();

	static Stream<Arguments> cases() {
		return Stream.of(
				arguments("healthy node, chain not decided", healthyNode(), null),
				arguments("serving certificate chains to the bundle", healthyNode().servingChainsToBundle(true), null),
				arguments("chains to no CA of the bundle", healthyNode().servingChainsToBundle(false), Confidence.MEDIUM),
				arguments("chains to none, and the kubelet logs unknown authority", healthyNode()
					.servingChainsToBundle(false)
					.log(LogSignal.UNKNOWN_AUTHORITY, UNKNOWN_AUTHORITY), Confidence.HIGH),
				arguments("unknown authority logged, chain not decided", healthyNode()
					.log(LogSignal.UNKNOWN_AUTHORITY, UNKNOWN_AUTHORITY), null),
				arguments("unknown authority logged, serving certificate chains", healthyNode()
					.servingChainsToBundle(true)
					.log(LogSignal.UNKNOWN_AUTHORITY, UNKNOWN_AUTHORITY), null),
				arguments("self-signed serving certificate reported as not chaining", healthyNode()
					.serving(selfSigned(days(10), days(355)))
					.servingChainsToBundle(false), null),
				arguments("no certificate served", healthyNode().port(Reachability.HANDSHAKE_FAILED)
					.servingChainsToBundle(false), null),
				arguments("CA step could not run", healthyNode().servingChainsToBundle(false)
					.unavailable(Steps.CERTIFICATE_AUTHORITY), null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void namesAKubeletCertificateTheClusterCaDidNotSign(String situation, EvidenceBuilder evidence,
			@Nullable Confidence expected) {
		RuleOutcome.assertOutcome(this.rule, evidence, RootCauseCode.CA_MISMATCH, expected);
	}

	@Test
	void saysASeparateSignerCaWouldRefuteIt() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().servingChainsToBundle(false));
		assertThat(finding.summary()).contains("chains to no CA in kube-root-ca.crt").contains("k3s and RKE2");
		assertThat(finding.refutedBy()).contains("separate CA by design")
			.contains("kube-root-ca.crt is the API server's CA bundle");
	}

	@Test
	void seesACaRegeneratedUnderTheSameName() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().servingChainsToBundle(false));
		assertThat(finding.evidence()).anyMatch((line) -> line.startsWith("Served on 10.0.0.5:10250")
				&& line.contains("issued by CN=kubernetes"))
			.anyMatch((line) -> line.startsWith("CA in kube-root-ca.crt: subject CN=kubernetes"))
			.anyMatch((line) -> line.contains("regenerated under the same name"));
	}

	@Test
	void seesABundleReplacedAfterTheCertificateWasIssued() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().caBundle(authority("kubernetes-2026", days(20),
				days(3630))).servingChainsToBundle(false));
		assertThat(finding.evidence()).anyMatch((line) -> line.contains("the bundle was replaced since"))
			.noneMatch((line) -> line.contains("same name"));
	}

	@Test
	void walksThroughTheCaRotation() {
		Finding finding = RuleOutcome.finding(this.rule, healthyNode().servingChainsToBundle(false));
		assertThat(RuleOutcome.commands(finding)).contains("openssl s_client -connect 10.0.0.5:10250")
			.contains("openssl pkcs7 -print_certs -noout")
			.contains("--cluster-signing-")
			.contains("sudo mv /var/lib/kubelet/pki/kubelet-server-current.pem")
			.contains("sudo systemctl restart kubelet")
			.contains("kubectl get csr --field-selector spec.signerName=kubernetes.io/kubelet-serving");
		assertThat(finding.remediation()).anyMatch((remediation) -> remediation.title().contains("both the old and"
				+ " the new CA"));
	}

}
