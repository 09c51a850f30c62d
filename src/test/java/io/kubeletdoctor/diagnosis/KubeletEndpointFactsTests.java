package io.kubeletdoctor.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.CertificateFactory.Spec;
import io.kubeletdoctor.pki.CertificateInfo;
import io.kubeletdoctor.pki.IssuedCertificate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KubeletEndpointFactsTests {

	private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

	@Test
	void selfSignedLeafIsSelfGenerated() {
		IssuedCertificate leaf = CertificateFactory.leaf("worker-1@1732000000", List.of(),
				Spec.serving(List.of("worker-1"), List.of()), null, NOW.minus(Duration.ofDays(1)), NOW);
		assertThat(facts(leaf.info()).selfGenerated()).isTrue();
	}

	@Test
	void clientGoPairOfThrowAwayCaAndLeafIsSelfGenerated() {
		IssuedCertificate ca = CertificateFactory.certificateAuthority("worker-1-ca@1732000000",
				NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(364)));
		IssuedCertificate leaf = CertificateFactory.leaf("worker-1@1732000000", List.of(),
				Spec.serving(List.of("worker-1"), List.of()), ca, NOW.minus(Duration.ofDays(1)),
				NOW.plus(Duration.ofDays(364)));
		assertThat(facts(leaf.info(), ca.info()).selfGenerated()).isTrue();
		assertThat(facts(leaf.info()).selfGenerated()).as("without its CA in the chain it cannot be told").isFalse();
	}

	@Test
	void clusterSignedLeafIsNotSelfGenerated() {
		IssuedCertificate ca = CertificateFactory.certificateAuthority("kubernetes", NOW.minus(Duration.ofDays(10)),
				NOW.plus(Duration.ofDays(3650)));
		IssuedCertificate leaf = CertificateFactory.leaf("system:node:worker-1", List.of("system:nodes"),
				Spec.serving(List.of("worker-1"), List.of()), ca, NOW.minus(Duration.ofDays(1)),
				NOW.plus(Duration.ofDays(364)));
		assertThat(facts(leaf.info(), ca.info()).selfGenerated()).isFalse();
		assertThat(new KubeletEndpointFacts("e", Reachability.REFUSED, "refused", List.of()).selfGenerated()).isFalse();
	}

	private static KubeletEndpointFacts facts(CertificateInfo... chain) {
		return new KubeletEndpointFacts("127.0.0.1:10250", Reachability.TLS_OK, null, List.of(chain));
	}

}
