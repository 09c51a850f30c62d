package io.kubeletdoctor.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** A certificate together with its private key, as the simulated cluster and tests hand them out. */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair) {

	public String certificatePem() {
		return Pem.encode(this.certificate);
	}

	public CertificateInfo info() {
		return Certificates.describe(this.certificate);
	}

	static final class Pem {

		private Pem() {
		}

		static String encode(Object object) {
			StringWriter out = new StringWriter();
			try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
				writer.writeObject(object);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			return out.toString();
		}

	}

}
