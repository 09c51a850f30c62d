package io.kubeletdoctor.demo;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.IssuedCertificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * CertificateSigningRequests as a kubelet and the control plane leave them: a real PKCS#10
 * request from {@code system:node:<node>} (group {@code system:nodes}), then the conditions the
 * approver, the signer or an administrator add. The transformers return copies, so they chain:
 * {@code issued(approved(kubeletClient(...)), ca, notAfter)}.
 */
public final class SimulatedCsrs {

	public static final String CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";

	public static final String SERVING_SIGNER = "kubernetes.io/kubelet-serving";

	private SimulatedCsrs() {
	}

	/** A Pending kubelet-serving CSR created {@code age} ago (system clock). */
	public static CertificateSigningRequest kubeletServing(String name, String nodeName, List<String> ips,
			Duration age) {
		return kubeletServing(name, nodeName, ips, Instant.now().minus(age));
	}

	/**
	 * A Pending kubelet-serving CSR: DNS SAN the node name, IP SANs {@code ips}, usages digital
	 * signature and server auth (what kubelets with ECDSA keys request since 1.27).
	 */
	public static CertificateSigningRequest kubeletServing(String name, String nodeName, List<String> ips,
			Instant created) {
		String request = CertificateFactory.certificationRequestPem("system:node:" + nodeName, List.of("system:nodes"),
				List.of(nodeName), ips, CertificateFactory.ecKey());
		return pending(name, nodeName, SERVING_SIGNER, request, List.of("digital signature", "server auth"), created);
	}

	/** A Pending kube-apiserver-client-kubelet CSR created {@code age} ago (system clock). */
	public static CertificateSigningRequest kubeletClient(String name, String nodeName, Duration age) {
		return kubeletClient(name, nodeName, Instant.now().minus(age));
	}

	/** A Pending kube-apiserver-client-kubelet CSR, usages digital signature and client auth. */
	public static CertificateSigningRequest kubeletClient(String name, String nodeName, Instant created) {
		String request = CertificateFactory.certificationRequestPem("system:node:" + nodeName, List.of("system:nodes"),
				List.of(), List.of(), CertificateFactory.ecKey());
		return pending(name, nodeName, CLIENT_SIGNER, request, List.of("digital signature", "client auth"), created);
	}

	/**
	 * Approved a second after creation: by the csrapproving controller (AutoApproved) for client
	 * CSRs, by {@code kubectl certificate approve} two minutes after creation for the others (no
	 * upstream controller approves serving CSRs).
	 */
	public static CertificateSigningRequest approved(CertificateSigningRequest csr) {
		if (hasCondition(csr, "Approved")) {
			return csr;
		}
		boolean client = CLIENT_SIGNER.equals(csr.getSpec().getSignerName());
		Instant at = created(csr).plus(client ? Duration.ofSeconds(1) : Duration.ofMinutes(2));
		return withCondition(csr,
				client ? condition("Approved", "AutoApproved",
						"Auto approving self kubelet client certificate after SubjectAccessReview.", at)
						: condition("Approved", "KubectlApprove", "This CSR was approved by kubectl certificate approve.",
								at));
	}

	/** Approved (if not yet) and issued a certificate signed by {@code ca}, backdated 5 minutes like the signer does. */
	public static CertificateSigningRequest issued(CertificateSigningRequest csr, IssuedCertificate ca, Instant notAfter) {
		CertificateSigningRequest approved = approved(csr);
		Instant approvedAt = Instant.parse(condition(approved, "Approved").getLastUpdateTime());
		boolean serving = SERVING_SIGNER.equals(csr.getSpec().getSignerName());
		List<String> dns = new ArrayList<>();
		List<String> ips = new ArrayList<>();
		if (serving) {
			subjectAltNames(requestPem(csr), dns, ips);
		}
		CertificateFactory.Spec spec = serving ? CertificateFactory.Spec.serving(dns, ips)
				: CertificateFactory.Spec.client();
		IssuedCertificate certificate = CertificateFactory.leaf(csr.getSpec().getUsername(), List.of("system:nodes"),
				spec, ca, approvedAt.minus(Duration.ofMinutes(5)), notAfter);
		return issued(approved, certificate.certificate());
	}

	/** Approved (if not yet) with {@code certificate} as status.certificate, e.g. the one a fake kubelet serves. */
	public static CertificateSigningRequest issued(CertificateSigningRequest csr, X509Certificate certificate) {
		CertificateSigningRequest approved = approved(csr);
		return new CertificateSigningRequestBuilder(approved).editOrNewStatus()
			.withCertificate(base64(pem(certificate)))
			.endStatus()
			.build();
	}

	/** Denied a minute after creation, e.g. by an administrator or a custom approver. */
	public static CertificateSigningRequest denied(CertificateSigningRequest csr, String reason, String message) {
		return withCondition(csr, condition("Denied", reason, message, created(csr).plus(Duration.ofMinutes(1))));
	}

	/** Approved, then rejected by the signer (reason SignerValidationFailure) with {@code message}. */
	public static CertificateSigningRequest failed(CertificateSigningRequest csr, String message) {
		CertificateSigningRequest approved = approved(csr);
		Instant approvedAt = Instant.parse(condition(approved, "Approved").getLastUpdateTime());
		return withCondition(approved,
				condition("Failed", "SignerValidationFailure", message, approvedAt.plus(Duration.ofSeconds(1))));
	}

	/** The PEM text of spec.request. */
	public static String requestPem(CertificateSigningRequest csr) {
		return new String(Base64.getDecoder().decode(csr.getSpec().getRequest()), StandardCharsets.US_ASCII);
	}

	private static CertificateSigningRequest pending(String name, String nodeName, String signer, String requestPem,
			List<String> usages, Instant created) {
		return new CertificateSigningRequestBuilder().withNewMetadata()
			.withName(name)
			.withGenerateName("csr-")
			.withCreationTimestamp(Timestamps.time(created))
			.endMetadata()
			.withNewSpec()
			.withRequest(base64(requestPem))
			.withSignerName(signer)
			.withUsages(usages)
			.withUsername("system:node:" + nodeName)
			.withUid(UUID.nameUUIDFromBytes(nodeName.getBytes(StandardCharsets.UTF_8)).toString())
			.withGroups("system:nodes", "system:authenticated")
			.endSpec()
			.build();
	}

	private static CertificateSigningRequest withCondition(CertificateSigningRequest csr,
			CertificateSigningRequestCondition condition) {
		return new CertificateSigningRequestBuilder(csr).editOrNewStatus().addToConditions(condition).endStatus().build();
	}

	private static CertificateSigningRequestCondition condition(String type, String reason, String message,
			Instant at) {
		return new CertificateSigningRequestConditionBuilder().withType(type)
			.withStatus("True")
			.withReason(reason)
			.withMessage(message)
			.withLastUpdateTime(Timestamps.time(at))
			.withLastTransitionTime(Timestamps.time(at))
			.build();
	}

	private static boolean hasCondition(CertificateSigningRequest csr, String type) {
		return csr.getStatus() != null
				&& csr.getStatus().getConditions().stream().anyMatch((condition) -> type.equals(condition.getType()));
	}

	private static CertificateSigningRequestCondition condition(CertificateSigningRequest csr, String type) {
		return csr.getStatus()
			.getConditions()
			.stream()
			.filter((condition) -> type.equals(condition.getType()))
			.findFirst()
			.orElseThrow();
	}

	private static Instant created(CertificateSigningRequest csr) {
		return Instant.parse(csr.getMetadata().getCreationTimestamp());
	}

	private static void subjectAltNames(String requestPem, List<String> dns, List<String> ips) {
		try (PEMParser parser = new PEMParser(new StringReader(requestPem))) {
			PKCS10CertificationRequest request = (PKCS10CertificationRequest) parser.readObject();
			for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
				Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
				GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
				if (names == null) {
					continue;
				}
				for (GeneralName name : names.getNames()) {
					if (name.getTagNo() == GeneralName.dNSName) {
						dns.add(name.getName().toString());
					}
					else if (name.getTagNo() == GeneralName.iPAddress) {
						ips.add(InetAddress.getByAddress(ASN1OctetString.getInstance(name.getName()).getOctets())
							.getHostAddress());
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Unreadable certificate request", ex);
		}
	}

	private static String pem(X509Certificate certificate) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(certificate);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toString();
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
	}

}
