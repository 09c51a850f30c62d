package io.kubeletdoctor.diagnosis.rules;

import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceTextTests {

	private static final String HEADER = "Nov 30 06:30:51.124347 worker-8 kubelet[2817]: E1130 06:30:51.124347    2817 ";

	@Test
	void quotesAWrappedKubeletErrorWhole() {
		String text = HEADER + "certificate_manager.go:562] \"Unhandled Error\" err=\"kubernetes.io/kube-apiserver"
				+ "-client-kubelet: Failed while requesting a signed certificate from the control plane: cannot create"
				+ " certificate signing request: certificatesigningrequests.certificates.k8s.io is forbidden: User"
				+ " \\\"system:anonymous\\\" cannot create resource \\\"certificatesigningrequests\\\" in API group"
				+ " \\\"certificates.k8s.io\\\" at the cluster scope\" logger=\"UnhandledError\"";
		assertThat(text.length()).isGreaterThan(300);
		assertThat(EvidenceText.log(line(text))).isEqualTo("Kubelet log: \"" + text + "\"");
	}

	@Test
	void shortensAVeryLongLineInTheMiddleKeepingTheInnermostCause() {
		String cause = "x509: certificate has expired or is not yet valid: current time 2026-11-30T06:30:51Z is before"
				+ " 2026-11-30T07:00:51Z\"";
		String text = HEADER + "kubelet_node_status.go:540] \"Error updating node status, will retry\" err=\"error"
				+ " getting node \\\"worker-8\\\": " + "Get \\\"https://10.0.0.10:6443/api/v1/nodes/worker-8\\\": ".repeat(8)
				+ "tls: failed to verify certificate: " + cause;
		assertThat(text.length()).isGreaterThan(EvidenceText.MAX_LOG_LINE);
		String quoted = EvidenceText.log(line(text));
		assertThat(quoted).startsWith("Kubelet log: \"" + HEADER + "kubelet_node_status.go:540] \"Error updating node")
			.endsWith(cause + "\"")
			.contains("...");
		assertThat(quoted.length()).isLessThanOrEqualTo("Kubelet log: \"\"".length() + EvidenceText.MAX_LOG_LINE + 3);
	}

	private static KubeletLogFacts.Line line(String text) {
		return new KubeletLogFacts.Line(LogSignal.CERTIFICATE_NOT_YET_VALID, text);
	}

}
