package io.kubeletdoctor.step;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KubeletConfigzTests {

	@Test
	void readsRotationSettingsAndExplicitFeatureGates() {
		String body = """
				{"kubeletconfig":{"kind":"KubeletConfiguration","apiVersion":"kubelet.config.k8s.io/v1beta1",
				"enableServer":true,"port":10250,"rotateCertificates":true,"serverTLSBootstrap":true,
				"enableSystemLogHandler":true,"enableSystemLogQuery":true,
				"featureGates":{"RotateKubeletServerCertificate":false,"NodeLogQuery":true}}}
				""";

		KubeletConfigz configz = KubeletConfigz.parse(body);

		assertThat(configz.facts().rotateCertificates()).isTrue();
		assertThat(configz.facts().serverTlsBootstrap()).isTrue();
		assertThat(configz.facts().featureGates()).containsEntry("NodeLogQuery", true)
			.containsEntry("RotateKubeletServerCertificate", false);
		assertThat(configz.facts().serverRotationGateOn()).isFalse();
		assertThat(configz.enableSystemLogQuery()).isTrue();
		assertThat(configz.tlsCertFile()).isNull();
	}

	@Test
	void absentBooleansAreFalseBecauseTheKubeletOmitsThem() {
		String body = """
				{"kubeletconfig":{"enableServer":true,"tlsCertFile":"/var/lib/kubelet/pki/kubelet.crt",
				"enableSystemLogQuery":false}}
				""";

		KubeletConfigz configz = KubeletConfigz.parse(body);

		assertThat(configz.facts().rotateCertificates()).isFalse();
		assertThat(configz.facts().serverTlsBootstrap()).isFalse();
		assertThat(configz.facts().featureGates()).isEmpty();
		assertThat(configz.facts().serverRotationGateOn()).isTrue();
		assertThat(configz.tlsCertFile()).isEqualTo("/var/lib/kubelet/pki/kubelet.crt");
		assertThat(configz.enableSystemLogQuery()).isFalse();
	}

	@Test
	void readsTheComponentconfigKeyOfOldKubelets() {
		KubeletConfigz configz = KubeletConfigz.parse("{\"componentconfig\":{\"rotateCertificates\":true}}");

		assertThat(configz.facts().rotateCertificates()).isTrue();
	}

	@Test
	void rejectsBodiesThatAreNotAKubeletConfiguration() {
		assertThatIllegalArgumentException().isThrownBy(() -> KubeletConfigz.parse("<pre><a href=\"x\">x</a></pre>"))
			.withMessageContaining("not JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> KubeletConfigz.parse("{\"other\":{}}"))
			.withMessageContaining("kubeletconfig");
	}

}
