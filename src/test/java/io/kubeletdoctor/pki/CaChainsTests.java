package io.kubeletdoctor.pki;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaChainsTests {

	private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

	private final IssuedCertificate ca = authority("kubernetes");

	@Test
	void servingCertificateSignedByTheBundleChains() {
		IssuedCertificate serving = serving(this.ca);

		assertThat(CaChains.servingChainsTo(List.of(serving.certificate()), bundle(this.ca))).isTrue();
	}

	@Test
	void servingCertificateSignedByTheNewCaOfARotationBundleChains() {
		IssuedCertificate next = authority("kubernetes-2");

		assertThat(CaChains.servingChainsTo(List.of(serving(next).certificate()), bundle(this.ca, next))).isTrue();
	}

	@Test
	void sameNamedCaWithAnotherKeyIsAMismatch() {
		IssuedCertificate rotatedAway = authority("kubernetes");

		assertThat(CaChains.servingChainsTo(List.of(serving(rotatedAway).certificate()), bundle(this.ca))).isFalse();
	}

	@Test
	void undecidedForSelfSignedOrForeignSignerOrNothingServed() {
		IssuedCertificate selfSigned = CertificateFactory.leaf("n1@1700000000", List.of(),
				CertificateFactory.Spec.serving(List.of("n1"), List.of()), null, NOW.minus(1, ChronoUnit.DAYS),
				NOW.plus(300, ChronoUnit.DAYS));
		IssuedCertificate foreign = authority("rke2-server-ca");

		assertThat(CaChains.servingChainsTo(List.of(selfSigned.certificate()), bundle(this.ca))).isNull();
		assertThat(CaChains.servingChainsTo(List.of(serving(foreign).certificate()), bundle(this.ca))).isNull();
		assertThat(CaChains.servingChainsTo(List.of(), bundle(this.ca))).isNull();
	}

	private static IssuedCertificate authority(String name) {
		return CertificateFactory.certificateAuthority(name, NOW.minus(30, ChronoUnit.DAYS), NOW.plus(3650, ChronoUnit.DAYS));
	}

	private static IssuedCertificate serving(IssuedCertificate issuer) {
		return CertificateFactory.leaf("system:node:n1", List.of("system:nodes"),
				CertificateFactory.Spec.serving(List.of("n1"), List.of("10.0.0.11")), issuer, NOW.minus(1, ChronoUnit.DAYS),
				NOW.plus(300, ChronoUnit.DAYS));
	}

	private static List<X509CertificateHolder> bundle(IssuedCertificate... cas) {
		return List.of(cas).stream().map((c) -> Certificates.holder(c.certificate())).toList();
	}

}
