package io.kubeletdoctor.cluster;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The CAs a kubelet's serving certificate must chain to before the service sends it a token, and
 * where they came from ({@code source}, for the report). {@code pem} identifies the bundle, so a
 * rotated bundle gets a new TLS context.
 */
record KubeletTrust(String source, String pem, List<X509Certificate> cas) {

	/**
	 * A TLS context that accepts only chains that validate (PKIX: signatures, dates at the clock's
	 * time, CA constraints) up to one of these CAs. Its trust manager is a plain
	 * {@link X509TrustManager} on purpose: the JDK then adds the endpoint check (the certificate must
	 * name the address the client connected to) that the HTTP client asks for.
	 */
	SSLContext sslContext(Clock clock) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new ChainValidator(anchors(), clock) }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot build a TLS context from " + this.source, ex);
		}
	}

	private Set<TrustAnchor> anchors() {
		return this.cas.stream().map((ca) -> new TrustAnchor(ca, null)).collect(Collectors.toSet());
	}

	private record ChainValidator(Set<TrustAnchor> anchors, Clock clock) implements X509TrustManager {

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			try {
				PKIXParameters parameters = new PKIXParameters(this.anchors);
				parameters.setRevocationEnabled(false);
				parameters.setDate(Date.from(this.clock.instant()));
				CertPathValidator.getInstance("PKIX")
					.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain)), parameters);
			}
			catch (GeneralSecurityException ex) {
				throw new CertificateException(ex.getMessage(), ex);
			}
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("client certificates are never accepted here");
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.anchors.stream().map(TrustAnchor::getTrustedCert).toArray(X509Certificate[]::new);
		}

	}

}
