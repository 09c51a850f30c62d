package io.kubeletdoctor.diagnosis;

import java.util.List;

import io.kubeletdoctor.pki.CertificateInfo;
import org.jspecify.annotations.Nullable;

/** The kubelet port as seen by a TLS handshake: reachability and the serving chain, leaf first. */
public record KubeletEndpointFacts(String endpoint, Reachability reachability, @Nullable String error,
		List<CertificateInfo> servingChain) {

	public @Nullable CertificateInfo servingCertificate() {
		return this.servingChain.isEmpty() ? null : this.servingChain.get(0);
	}

}
