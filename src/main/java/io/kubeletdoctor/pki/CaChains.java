package io.kubeletdoctor.pki;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.cert.X509CertificateHolder;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a served certificate chain leads to a CA of the bundle: candidate issuers are found
 * by key identifier, then the signature is verified. The answer is null when it cannot be decided:
 * nothing served, a self-signed kubelet certificate, or an issuer the bundle does not even name (a
 * separate kubelet signer CA, as k3s and RKE2 use). It is false only when the bundle names the issuer
 * but none of its keys signed the certificate, which is what a rotated CA looks like.
 */
public final class CaChains {

	private CaChains() {
	}

	public static @Nullable Boolean servingChainsTo(List<X509Certificate> served, List<X509CertificateHolder> bundle) {
		if (served.isEmpty() || bundle.isEmpty()) {
			return null;
		}
		X509CertificateHolder current = Certificates.holder(served.get(0));
		if (Certificates.describe(current).selfSigned()) {
			return null;
		}
		int next = 1;
		while (true) {
			if (signedByBundle(current, bundle)) {
				return true;
			}
			// climb through intermediates the kubelet served, as long as each signs the one below
			if (next >= served.size()) {
				break;
			}
			X509CertificateHolder parent = Certificates.holder(served.get(next++));
			if (!Certificates.isSignedBy(current, parent) || current.equals(parent)) {
				break;
			}
			current = parent;
		}
		return bundleNamesIssuerOf(current, bundle) ? Boolean.FALSE : null;
	}

	private static boolean signedByBundle(X509CertificateHolder certificate, List<X509CertificateHolder> bundle) {
		CertificateInfo info = Certificates.describe(certificate);
		for (X509CertificateHolder ca : bundle) {
			if (keyIdsMatch(info, Certificates.describe(ca)) && Certificates.isSignedBy(certificate, ca)) {
				return true;
			}
		}
		return false;
	}

	/** Without both identifiers there is nothing to compare, so only the signature decides. */
	private static boolean keyIdsMatch(CertificateInfo certificate, CertificateInfo ca) {
		return certificate.authorityKeyId() == null || ca.subjectKeyId() == null
				|| Objects.equals(certificate.authorityKeyId(), ca.subjectKeyId());
	}

	private static boolean bundleNamesIssuerOf(X509CertificateHolder certificate, List<X509CertificateHolder> bundle) {
		CertificateInfo info = Certificates.describe(certificate);
		return bundle.stream().anyMatch((ca) -> ca.getSubject().equals(certificate.getIssuer())
				|| (info.authorityKeyId() != null && info.authorityKeyId().equals(Certificates.describe(ca).subjectKeyId())));
	}

}
