package io.kubeletdoctor.step;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.kubeletdoctor.pki.CertificateInfo;
import io.kubeletdoctor.pki.Certificates;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;

/**
 * Decodes what a CertificateSigningRequest carries. In JSON {@code spec.request} and
 * {@code status.certificate} are base64 of PEM text and fabric8 keeps them as that string; objects
 * built in code may hold the PEM itself, so both are accepted (and base64 of DER too).
 */
public final class CsrDecoder {

	private CsrDecoder() {
	}

	/** The PKCS#10 request: subject, SANs, key, and whether its own key verifies its signature. */
	static DecodedRequest decodeRequest(String request) {
		PKCS10CertificationRequest parsed = parseRequest(request);
		X500Name subject = parsed.getSubject();
		List<String> organizations = values(subject, BCStyle.O);
		List<String> commonNames = values(subject, BCStyle.CN);
		return new DecodedRequest(commonNames.isEmpty() ? null : commonNames.get(0), organizations, sans(parsed),
				key(parsed), proofOfPossession(parsed));
	}

	/** The first certificate of {@code status.certificate}, the leaf the signer issued. */
	static @Nullable CertificateInfo issuedCertificate(String certificate) {
		String pem = text(certificate);
		List<CertificateInfo> chain = Certificates.describePem(pem);
		return chain.isEmpty() ? null : chain.get(0);
	}

	private static PKCS10CertificationRequest parseRequest(String request) {
		Object parsed;
		try {
			String pem = request.strip();
			if (!pem.startsWith("-----BEGIN")) {
				byte[] bytes = Base64.getMimeDecoder().decode(pem);
				pem = new String(bytes, StandardCharsets.US_ASCII).strip();
				if (!pem.startsWith("-----BEGIN")) {
					return new PKCS10CertificationRequest(bytes);
				}
			}
			try (PEMParser parser = new PEMParser(new StringReader(pem))) {
				parsed = parser.readObject();
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("spec.request is not a readable PKCS#10 request: " + ex.getMessage(), ex);
		}
		if (parsed instanceof PKCS10CertificationRequest pkcs10) {
			return pkcs10;
		}
		throw new IllegalArgumentException("spec.request holds no CERTIFICATE REQUEST block");
	}

	/** PEM text of a field that may be base64 of the PEM. */
	private static String text(String value) {
		String trimmed = value.strip();
		if (trimmed.startsWith("-----BEGIN")) {
			return trimmed;
		}
		try {
			return new String(Base64.getMimeDecoder().decode(trimmed), StandardCharsets.US_ASCII);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("status.certificate is neither PEM nor base64 of PEM", ex);
		}
	}

	private static List<String> sans(PKCS10CertificationRequest request) {
		List<String> sans = new ArrayList<>();
		for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
			if (attribute.getAttrValues().size() == 0) {
				continue;
			}
			Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
			GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
			if (names == null) {
				continue;
			}
			for (GeneralName name : names.getNames()) {
				sans.add(generalName(name));
			}
		}
		return sans;
	}

	/** DNS and IP SANs as plain values (what the kubelet asks for); the rare others keep a prefix. */
	private static String generalName(GeneralName name) {
		switch (name.getTagNo()) {
			case GeneralName.dNSName:
				return name.getName().toString();
			case GeneralName.iPAddress:
				byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
				try {
					return InetAddress.getByAddress(octets).getHostAddress();
				}
				catch (UnknownHostException ex) {
					return "IP:?";
				}
			case GeneralName.rfc822Name:
				return "email:" + name.getName();
			case GeneralName.uniformResourceIdentifier:
				return "URI:" + name.getName();
			default:
				return "other:" + name.getName();
		}
	}

	private static @Nullable PublicKey publicKey(PKCS10CertificationRequest request) {
		try {
			return new JcaPKCS10CertificationRequest(request).getPublicKey();
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static String key(PKCS10CertificationRequest request) {
		PublicKey key = publicKey(request);
		if (key == null) {
			return request.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
		}
		if (key instanceof RSAPublicKey rsa) {
			return "RSA " + rsa.getModulus().bitLength();
		}
		if (key instanceof ECPublicKey ec) {
			return "ECDSA " + ec.getParams().getOrder().bitLength();
		}
		return key.getAlgorithm();
	}

	/** The JCA key factories know EC and RSA keys by name, not by the OID a request carries. */
	private static boolean proofOfPossession(PKCS10CertificationRequest request) {
		PublicKey key = publicKey(request);
		if (key == null) {
			return false;
		}
		try {
			return request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static List<String> values(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
		List<String> values = new ArrayList<>();
		for (RDN rdn : name.getRDNs(type)) {
			values.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
		}
		return values;
	}

	/** What the request asks for; {@code proofOfPossession} is whether its signature verifies with its key. */
	public record DecodedRequest(@Nullable String commonName, List<String> organizations, List<String> sans, String key,
			boolean proofOfPossession) {
	}

}
