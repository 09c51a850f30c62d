package io.kubeletdoctor.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes certificates with BouncyCastle for the built-in demo cluster and for tests: CAs, kubelet
 * serving and client certificates (CA-signed or self-signed, valid or expired), and PKCS#10
 * requests shaped like the kubelet's.
 */
public final class CertificateFactory {

	private static final SecureRandom RANDOM = new SecureRandom();

	private CertificateFactory() {
	}

	public static KeyPair ecKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static IssuedCertificate certificateAuthority(String commonName, Instant notBefore, Instant notAfter) {
		KeyPair key = ecKey();
		X500Name name = name(commonName, List.of());
		return sign(name, key, name, key, null, notBefore, notAfter, Spec.authority());
	}

	/** A certificate for {@code commonName} signed by {@code issuer}, or self-signed when issuer is null. */
	public static IssuedCertificate leaf(String commonName, List<String> organizations, Spec spec,
			IssuedCertificate issuer, Instant notBefore, Instant notAfter) {
		KeyPair key = ecKey();
		X500Name subject = name(commonName, organizations);
		if (issuer == null) {
			return sign(subject, key, subject, key, null, notBefore, notAfter, spec);
		}
		X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
		return sign(subject, key, issuerName, issuer.keyPair(), issuer.certificate(), notBefore, notAfter, spec);
	}

	/** A PKCS#10 request signed by {@code key}, PEM encoded as a CSR's {@code spec.request} holds it. */
	public static String certificationRequestPem(String commonName, List<String> organizations, List<String> dnsNames,
			List<String> ipAddresses, KeyPair key) {
		try {
			JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
					name(commonName, organizations), key.getPublic());
			List<GeneralName> names = generalNames(dnsNames, ipAddresses);
			if (!names.isEmpty()) {
				org.bouncycastle.asn1.x509.ExtensionsGenerator extensions = new org.bouncycastle.asn1.x509.ExtensionsGenerator();
				extensions.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(names.toArray(GeneralName[]::new)));
				builder.addAttribute(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
						extensions.generate());
			}
			PKCS10CertificationRequest request = builder.build(signer(key));
			return IssuedCertificate.Pem.encode(request);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static IssuedCertificate sign(X500Name subject, KeyPair subjectKey, X500Name issuer, KeyPair issuerKey,
			X509Certificate issuerCertificate, Instant notBefore, Instant notAfter, Spec spec) {
		try {
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
					new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
					subject, subjectKey.getPublic());
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					utils.createSubjectKeyIdentifier(subjectKey.getPublic()));
			builder.addExtension(Extension.authorityKeyIdentifier, false, (issuerCertificate != null)
					? utils.createAuthorityKeyIdentifier(issuerCertificate)
					: utils.createAuthorityKeyIdentifier(issuerKey.getPublic()));
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(spec.ca));
			if (spec.ca) {
				builder.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
			}
			else {
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
				builder.addExtension(Extension.extendedKeyUsage, false,
						new ExtendedKeyUsage(spec.serverAuth ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
			}
			List<GeneralName> names = generalNames(spec.dnsNames, spec.ipAddresses);
			if (!names.isEmpty()) {
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(names.toArray(GeneralName[]::new)));
			}
			X509Certificate certificate = Certificates.toX509(builder.build(signer(issuerKey)));
			return new IssuedCertificate(certificate, subjectKey);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not sign certificate for " + subject, ex);
		}
	}

	private static ContentSigner signer(KeyPair key) throws Exception {
		return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
	}

	private static X500Name name(String commonName, List<String> organizations) {
		X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
		organizations.forEach((organization) -> builder.addRDN(BCStyle.O, organization));
		builder.addRDN(BCStyle.CN, commonName);
		return builder.build();
	}

	private static List<GeneralName> generalNames(List<String> dnsNames, List<String> ipAddresses) {
		List<GeneralName> names = new ArrayList<>();
		dnsNames.forEach((dns) -> names.add(new GeneralName(GeneralName.dNSName, dns)));
		for (String ip : ipAddresses) {
			try {
				names.add(new GeneralName(GeneralName.iPAddress,
						new org.bouncycastle.asn1.DEROctetString(InetAddress.getByName(ip).getAddress())));
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("Not an IP address: " + ip, ex);
			}
		}
		return names;
	}

	/** What kind of certificate to make. */
	public record Spec(boolean ca, boolean serverAuth, List<String> dnsNames, List<String> ipAddresses) {

		public static Spec authority() {
			return new Spec(true, false, List.of(), List.of());
		}

		public static Spec serving(List<String> dnsNames, List<String> ipAddresses) {
			return new Spec(false, true, dnsNames, ipAddresses);
		}

		public static Spec client() {
			return new Spec(false, false, List.of(), List.of());
		}

	}

}
