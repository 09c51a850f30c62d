package io.kubeletdoctor.demo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.CertificateInfo;
import io.kubeletdoctor.pki.Certificates;
import io.kubeletdoctor.pki.IssuedCertificate;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedCsrsTests {

	private static final Instant CREATED = Instant.parse("2026-03-01T11:25:00Z");

	private static final IssuedCertificate CA = CertificateFactory.certificateAuthority("kubernetes",
			CREATED.minus(Duration.ofDays(400)), CREATED.plus(Duration.ofDays(3000)));

	@Test
	void servingRequestIsPendingFromTheNodeWithARealSignedRequest() throws Exception {
		CertificateSigningRequest csr = SimulatedCsrs.kubeletServing("csr-7xk2p", "worker-1", List.of("10.0.0.7"),
				CREATED);

		assertThat(csr.getMetadata().getName()).isEqualTo("csr-7xk2p");
		assertThat(csr.getMetadata().getCreationTimestamp()).isEqualTo("2026-03-01T11:25:00Z");
		assertThat(csr.getSpec().getSignerName()).isEqualTo("kubernetes.io/kubelet-serving");
		assertThat(csr.getSpec().getUsername()).isEqualTo("system:node:worker-1");
		assertThat(csr.getSpec().getGroups()).contains("system:nodes");
		assertThat(csr.getSpec().getUsages()).containsExactly("digital signature", "server auth");
		assertThat(csr.getStatus()).isNull();
		PKCS10CertificationRequest request = parse(csr);
		assertThat(request.getSubject().toString()).isEqualTo("O=system:nodes,CN=system:node:worker-1");
		PublicKey key = new JcaPKCS10CertificationRequest(request).getPublicKey();
		assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))).isTrue();
	}

	@Test
	void clientRequestHasClientUsagesAndTheClientSigner() throws Exception {
		CertificateSigningRequest csr = SimulatedCsrs.kubeletClient("csr-aaaaa", "worker-1", Duration.ofMinutes(10));

		assertThat(csr.getSpec().getSignerName()).isEqualTo("kubernetes.io/kube-apiserver-client-kubelet");
		assertThat(csr.getSpec().getUsages()).containsExactly("digital signature", "client auth");
		assertThat(Instant.parse(csr.getMetadata().getCreationTimestamp()))
			.isBetween(Instant.now().minus(Duration.ofMinutes(11)), Instant.now().minus(Duration.ofMinutes(9)));
		assertThat(parse(csr).getSubject().toString()).isEqualTo("O=system:nodes,CN=system:node:worker-1");
	}

	@Test
	void clientRequestsAreAutoApprovedAndServingOnesApprovedByHand() {
		CertificateSigningRequest client = SimulatedCsrs
			.approved(SimulatedCsrs.kubeletClient("csr-aaaaa", "worker-1", CREATED));
		CertificateSigningRequest serving = SimulatedCsrs
			.approved(SimulatedCsrs.kubeletServing("csr-bbbbb", "worker-1", List.of("10.0.0.7"), CREATED));

		assertThat(client.getStatus().getConditions()).singleElement().satisfies((condition) -> {
			assertThat(condition.getType()).isEqualTo("Approved");
			assertThat(condition.getReason()).isEqualTo("AutoApproved");
			assertThat(condition.getLastUpdateTime()).isEqualTo("2026-03-01T11:25:01Z");
		});
		assertThat(serving.getStatus().getConditions()).singleElement()
			.satisfies((condition) -> assertThat(condition.getReason()).isEqualTo("KubectlApprove"));
		assertThat(SimulatedCsrs.approved(client).getStatus().getConditions()).hasSize(1);
		assertThat(client.getStatus().getCertificate()).isNull();
	}

	@Test
	void issuedCertificateIsSignedByTheCaWithTheRequestedNamesAndExpiry() {
		Instant notAfter = CREATED.plus(Duration.ofDays(365));
		CertificateSigningRequest csr = SimulatedCsrs.issued(
				SimulatedCsrs.kubeletServing("csr-bbbbb", "worker-1", List.of("10.0.0.7"), CREATED), CA, notAfter);

		String pem = new String(Base64.getDecoder().decode(csr.getStatus().getCertificate()), StandardCharsets.US_ASCII);
		CertificateInfo issued = Certificates.describePem(pem).get(0);
		assertThat(issued.commonName()).isEqualTo("system:node:worker-1");
		assertThat(issued.organizations()).containsExactly("system:nodes");
		assertThat(issued.dnsNames()).containsExactly("worker-1");
		assertThat(issued.ipAddresses()).containsExactly("10.0.0.7");
		assertThat(issued.notAfter()).isEqualTo(notAfter);
		assertThat(issued.notBefore()).isEqualTo(Instant.parse("2026-03-01T11:22:00Z"));
		assertThat(issued.authorityKeyId()).isEqualTo(CA.info().subjectKeyId());
		assertThat(Certificates.isSignedBy(Certificates.readPem(pem).get(0), Certificates.holder(CA.certificate())))
			.isTrue();
		assertThat(csr.getStatus().getConditions()).extracting((condition) -> condition.getType())
			.containsExactly("Approved");
	}

	@Test
	void issuedCanCarryAGivenCertificate() {
		IssuedCertificate served = CertificateFactory.leaf("system:node:worker-1", List.of("system:nodes"),
				CertificateFactory.Spec.client(), CA, CREATED, CREATED.plus(Duration.ofDays(30)));

		CertificateSigningRequest csr = SimulatedCsrs
			.issued(SimulatedCsrs.kubeletClient("csr-aaaaa", "worker-1", CREATED), served.certificate());

		String pem = new String(Base64.getDecoder().decode(csr.getStatus().getCertificate()), StandardCharsets.US_ASCII);
		assertThat(Certificates.describePem(pem).get(0).serialNumber()).isEqualTo(served.info().serialNumber());
	}

	@Test
	void deniedAndFailedRequestsCarryTheirReasons() {
		CertificateSigningRequest denied = SimulatedCsrs.denied(
				SimulatedCsrs.kubeletServing("csr-ccccc", "worker-1", List.of("10.0.0.7"), CREATED), "AdminDenied",
				"serving certificates are issued by cert-manager here");
		CertificateSigningRequest failed = SimulatedCsrs.failed(
				SimulatedCsrs.kubeletClient("csr-ddddd", "worker-1", CREATED),
				"subject organization is not system:nodes");

		assertThat(denied.getStatus().getConditions()).singleElement().satisfies((condition) -> {
			assertThat(condition.getType()).isEqualTo("Denied");
			assertThat(condition.getReason()).isEqualTo("AdminDenied");
			assertThat(condition.getMessage()).contains("cert-manager");
		});
		assertThat(failed.getStatus().getConditions()).extracting((condition) -> condition.getType())
			.containsExactly("Approved", "Failed");
		assertThat(failed.getStatus().getConditions().get(1).getReason()).isEqualTo("SignerValidationFailure");
		assertThat(failed.getStatus().getCertificate()).isNull();
	}

	private static PKCS10CertificationRequest parse(CertificateSigningRequest csr) throws IOException {
		try (PEMParser parser = new PEMParser(new StringReader(SimulatedCsrs.requestPem(csr)))) {
			return (PKCS10CertificationRequest) parser.readObject();
		}
	}

}
