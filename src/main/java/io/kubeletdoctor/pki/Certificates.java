package io.kubeletdoctor.pki;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Parses and checks X.509 certificates with BouncyCastle: PEM bundles (CA bundles hold two
 * certificates during a rotation), subject and SAN extraction, and issuer verification by key
 * identifier and signature.
 */
public final class Certificates {

	private static final HexFormat HEX = HexFormat.of();

	private Certificates() {
	}

	/** Every CERTIFICATE block of a PEM text, in order; other blocks are skipped. */
	public static List<X509CertificateHolder> readPem(String pem) {
		List<X509CertificateHolder> holders = new ArrayList<>();
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object;
			while ((object = parser.readObject()) != null) {
				if (object instanceof X509CertificateHolder holder) {
					holders.add(holder);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Not a readable PEM certificate bundle: " + ex.getMessage(), ex);
		}
		return holders;
	}

	public static List<CertificateInfo> describePem(String pem) {
		return readPem(pem).stream().map(Certificates::describe).toList();
	}

	public static CertificateInfo describe(X509Certificate certificate) {
		return describe(holder(certificate));
	}

	public static X509CertificateHolder holder(X509Certificate certificate) {
		try {
			return new X509CertificateHolder(certificate.getEncoded());
		}
		catch (CertificateEncodingException | IOException ex) {
			throw new IllegalArgumentException("Unreadable certificate", ex);
		}
	}

	public static X509Certificate toX509(X509CertificateHolder holder) {
		try {
			return new JcaX509CertificateConverter().getCertificate(holder);
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException("Unreadable certificate", ex);
		}
	}

	public static CertificateInfo describe(X509CertificateHolder holder) {
		X509Certificate x509 = toX509(holder);
		PublicKey key = x509.getPublicKey();
		List<String> dns = new ArrayList<>();
		List<String> ips = new ArrayList<>();
		GeneralNames sans = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName);
		if (sans != null) {
			for (GeneralName name : sans.getNames()) {
				if (name.getTagNo() == GeneralName.dNSName) {
					dns.add(name.getName().toString());
				}
				else if (name.getTagNo() == GeneralName.iPAddress) {
					ips.add(ipAddress(ASN1OctetString.getInstance(name.getName()).getOctets()));
				}
			}
		}
		BasicConstraints constraints = BasicConstraints.fromExtensions(holder.getExtensions());
		boolean sameName = holder.getSubject().equals(holder.getIssuer());
		String subjectKeyId = subjectKeyId(holder);
		String authorityKeyId = authorityKeyId(holder);
		boolean selfSigned = sameName && (authorityKeyId == null || authorityKeyId.equals(subjectKeyId))
				&& isSignedBy(holder, holder);
		return new CertificateInfo(holder.getSubject().toString(), firstValue(holder.getSubject(), BCStyle.CN),
				values(holder.getSubject(), BCStyle.O), holder.getIssuer().toString(),
				holder.getNotBefore().toInstant(), holder.getNotAfter().toInstant(), dns, ips, key.getAlgorithm(),
				keySize(key), selfSigned, constraints != null && constraints.isCA(), subjectKeyId, authorityKeyId,
				holder.getSerialNumber().toString(16));
	}

	/** True when {@code issuer}'s key verifies {@code certificate}'s signature. */
	public static boolean isSignedBy(X509CertificateHolder certificate, X509CertificateHolder issuer) {
		try {
			return certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer));
		}
		catch (Exception ex) {
			return false;
		}
	}

	static @Nullable String subjectKeyId(X509CertificateHolder holder) {
		SubjectKeyIdentifier id = SubjectKeyIdentifier.fromExtensions(holder.getExtensions());
		return (id != null) ? HEX.formatHex(id.getKeyIdentifier()) : null;
	}

	static @Nullable String authorityKeyId(X509CertificateHolder holder) {
		AuthorityKeyIdentifier id = AuthorityKeyIdentifier.fromExtensions(holder.getExtensions());
		return (id != null && id.getKeyIdentifier() != null) ? HEX.formatHex(id.getKeyIdentifier()) : null;
	}

	static @Nullable String firstValue(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
		List<String> values = values(name, type);
		return values.isEmpty() ? null : values.get(0);
	}

	static List<String> values(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
		List<String> values = new ArrayList<>();
		for (RDN rdn : name.getRDNs(type)) {
			values.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
		}
		return values;
	}

	private static int keySize(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			return rsa.getModulus().bitLength();
		}
		if (key instanceof ECPublicKey ec) {
			return ec.getParams().getOrder().bitLength();
		}
		return 0;
	}

	private static String ipAddress(byte[] octets) {
		try {
			return java.net.InetAddress.getByAddress(octets).getHostAddress();
		}
		catch (java.net.UnknownHostException ex) {
			return new BigInteger(1, octets).toString(16);
		}
	}

}
