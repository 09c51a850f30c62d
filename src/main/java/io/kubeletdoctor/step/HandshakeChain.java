package io.kubeletdoctor.step;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The chain the kubelet served, kept in the evidence for the certificate-authority step, which needs
 * the encoded certificates to verify signatures; the public fact records hold only descriptions.
 */
record HandshakeChain(String endpoint, List<X509Certificate> certificates) {

	HandshakeChain {
		certificates = List.copyOf(certificates);
	}

}
