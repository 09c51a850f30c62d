package io.kubeletdoctor.step;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.CertificateInfo;
import io.kubeletdoctor.pki.IssuedCertificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CsrDecoderTests {

	@Test
	void decodesAServingRequestGivenAsPem() {
		String pem = CertificateFactory.certificationRequestPem("system:node:n1", List.of("system:nodes"), List.of("n1"),
				List.of("10.0.0.11"), CertificateFactory.ecKey());

		CsrDecoder.DecodedRequest request = CsrDecoder.decodeRequest(pem);

		assertThat(request.commonName()).isEqualTo("system:node:n1");
		assertThat(request.organizations()).containsExactly("system:nodes");
		assertThat(request.sans()).containsExactly("n1", "10.0.0.11");
		assertThat(request.key()).isEqualTo("ECDSA 256");
		assertThat(request.proofOfPossession()).isTrue();
	}

	@Test
	void decodesTheBase64FormTheApiServerSends() {
		String pem = CertificateFactory.certificationRequestPem("system:node:n2", List.of("system:nodes"), List.of(),
				List.of(), CertificateFactory.ecKey());
		String asInJson = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));

		CsrDecoder.DecodedRequest request = CsrDecoder.decodeRequest(asInJson);

		assertThat(request.commonName()).isEqualTo("system:node:n2");
		assertThat(request.sans()).isEmpty();
		assertThat(request.proofOfPossession()).isTrue();
	}

	@Test
	void aRequestSignedWithAnotherKeyFailsProofOfPossession() throws Exception {
		KeyPair claimed = CertificateFactory.ecKey();
		KeyPair signing = CertificateFactory.ecKey();
		PKCS10CertificationRequest forged = new JcaPKCS10CertificationRequestBuilder(
				new X500Name("O=system:nodes,CN=system:node:n3"), claimed.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signing.getPrivate()));

		CsrDecoder.DecodedRequest request = CsrDecoder.decodeRequest(pem(forged));

		assertThat(request.commonName()).isEqualTo("system:node:n3");
		assertThat(request.proofOfPossession()).isFalse();
	}

	@Test
	void rejectsWhatIsNoCertificationRequest() {
		assertThatIllegalArgumentException().isThrownBy(() -> CsrDecoder.decodeRequest("bm90IGEgcmVxdWVzdA=="))
			.withMessageContaining("spec.request");
		IssuedCertificate ca = CertificateFactory.certificateAuthority("kubernetes", Instant.now(),
				Instant.now().plus(1, ChronoUnit.DAYS));
		assertThatIllegalArgumentException().isThrownBy(() -> CsrDecoder.decodeRequest(ca.certificatePem()))
			.withMessageContaining("CERTIFICATE REQUEST");
	}

	@Test
	void readsTheIssuedCertificateFromBase64Pem() {
		Instant notBefore = Instant.parse("2025-01-01T00:00:00Z");
		Instant notAfter = Instant.parse("2026-01-01T00:00:00Z");
		IssuedCertificate ca = CertificateFactory.certificateAuthority("kubernetes", notBefore, notAfter);
		IssuedCertificate client = CertificateFactory.leaf("system:node:n1", List.of("system:nodes"),
				CertificateFactory.Spec.client(), ca, notBefore, notAfter.minus(1, ChronoUnit.DAYS));
		String status = Base64.getEncoder()
			.encodeToString(client.certificatePem().getBytes(StandardCharsets.US_ASCII));

		CertificateInfo issued = CsrDecoder.issuedCertificate(status);

		assertThat(issued).isNotNull();
		assertThat(issued.commonName()).isEqualTo("system:node:n1");
		assertThat(issued.notAfter()).isEqualTo(notAfter.minus(1, ChronoUnit.DAYS));
	}

	private static String pem(Object object) throws Exception {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		return out.toString();
	}

}
