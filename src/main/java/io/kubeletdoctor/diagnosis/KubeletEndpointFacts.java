package io.kubeletdoctor.diagnosis;

import java.util.List;
import java.util.regex.Pattern;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.pki.CertificateInfo;
import org.jspecify.annotations.Nullable;

/** The kubelet port as seen by a TLS handshake: reachability and the serving chain, leaf first. */
public record KubeletEndpointFacts(String endpoint, Reachability reachability, @Nullable String error,
		List<CertificateInfo> servingChain) {

	private static final Pattern GENERATED_CA = Pattern.compile(".+-ca@\\d+");

	public @Nullable CertificateInfo servingCertificate() {
		return this.servingChain.isEmpty() ? null : this.servingChain.get(0);
	}

	/**
	 * True for the kubelet's own {@code kubelet.crt}, which it never rotates: either self-signed, or
	 * (client-go's generator) a leaf signed by a throw-away {@code <host>-ca@<unix time>} CA that
	 * is served with it.
	 */
	public boolean selfGenerated() {
		CertificateInfo leaf = servingCertificate();
		if (leaf == null) {
			return false;
		}
		return leaf.selfSigned() || this.servingChain.stream()
			.skip(1)
			.anyMatch((ca) -> ca.selfSigned() && ca.subject().equals(leaf.issuer()) && ca.commonName() != null
					&& GENERATED_CA.matcher(ca.commonName()).matches());
	}

}
