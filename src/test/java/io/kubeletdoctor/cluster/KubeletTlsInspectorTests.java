package io.kubeletdoctor.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.demo.FakeKubelet;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.CertificateFactory.Spec;
import io.kubeletdoctor.pki.IssuedCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KubeletTlsInspectorTests {

	private static final Instant NOW = Instant.now();

	private final KubeletTlsInspector inspector = new KubeletTlsInspector(Duration.ofMillis(500),
			Duration.ofMillis(400));

	@Test
	void readsTheServedChainLeafFirst() {
		IssuedCertificate ca = CertificateFactory.certificateAuthority("kubernetes", NOW.minus(Duration.ofDays(10)),
				NOW.plus(Duration.ofDays(3650)));
		IssuedCertificate leaf = CertificateFactory.leaf("system:node:worker-1", List.of("system:nodes"),
				Spec.serving(List.of("worker-1"), List.of("127.0.0.1")), ca, NOW.minus(Duration.ofDays(1)),
				NOW.plus(Duration.ofDays(300)));
		try (FakeKubelet kubelet = FakeKubelet.serving(leaf, ca.certificate())) {
			KubeletHandshake handshake = this.inspector.inspect(kubelet.host(), kubelet.port());

			assertThat(handshake.reachability()).isEqualTo(Reachability.TLS_OK);
			assertThat(handshake.error()).isNull();
			assertThat(handshake.endpoint()).isEqualTo("127.0.0.1:" + kubelet.port());
			assertThat(handshake.chain()).containsExactly(leaf.certificate(), ca.certificate());
		}
	}

	@Test
	void readsAnExpiredSelfSignedCertificateInsteadOfRejectingIt() {
		IssuedCertificate expired = CertificateFactory.leaf("worker-1@1700000000", List.of(),
				Spec.serving(List.of("worker-1"), List.of()), null, NOW.minus(Duration.ofDays(368)),
				NOW.minus(Duration.ofDays(3)));
		try (FakeKubelet kubelet = FakeKubelet.serving(expired)) {
			KubeletHandshake handshake = this.inspector.inspect(kubelet.host(), kubelet.port());

			assertThat(handshake.reachability()).isEqualTo(Reachability.TLS_OK);
			assertThat(handshake.chain()).singleElement()
				.satisfies((certificate) -> assertThat(certificate.getNotAfter().toInstant()).isBefore(NOW));
		}
	}

	@Test
	void aPortNobodyListensOnIsRefused() {
		try (FakeKubelet kubelet = FakeKubelet.down()) {
			KubeletHandshake handshake = this.inspector.inspect(kubelet.host(), kubelet.port());

			assertThat(handshake.reachability()).isEqualTo(Reachability.REFUSED);
			assertThat(handshake.error()).containsIgnoringCase("refused");
			assertThat(handshake.chain()).isEmpty();
		}
	}

	@Test
	void aKubeletWithoutServingCertificateAbortsTheHandshake() {
		try (FakeKubelet kubelet = FakeKubelet.withoutServingCertificate()) {
			KubeletHandshake handshake = this.inspector.inspect(kubelet.host(), kubelet.port());

			assertThat(handshake.reachability()).isEqualTo(Reachability.HANDSHAKE_FAILED);
			assertThat(handshake.error()).contains("internal_error");
			assertThat(handshake.chain()).isEmpty();
		}
	}

	@Test
	void aHangingKubeletTimesOutWithinTheReadTimeout() {
		try (FakeKubelet kubelet = FakeKubelet.hanging()) {
			long start = System.nanoTime();
			KubeletHandshake handshake = this.inspector.inspect(kubelet.host(), kubelet.port());
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

			assertThat(handshake.reachability()).isEqualTo(Reachability.TIMEOUT);
			assertThat(handshake.error()).contains("400 ms");
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(350)).isLessThan(Duration.ofSeconds(2));
		}
	}

	@Test
	void anUnusablePortIsNoAddress() {
		KubeletHandshake handshake = this.inspector.inspect("127.0.0.1", 0);

		assertThat(handshake.reachability()).isEqualTo(Reachability.NO_ADDRESS);
		assertThat(handshake.chain()).isEmpty();
	}

	@Test
	void ipv6EndpointsAreBracketed() {
		assertThat(KubeletTlsInspector.endpoint("fd00::1", 10250)).isEqualTo("[fd00::1]:10250");
		assertThat(KubeletTlsInspector.endpoint("10.0.0.1", 10250)).isEqualTo("10.0.0.1:10250");
	}

}
