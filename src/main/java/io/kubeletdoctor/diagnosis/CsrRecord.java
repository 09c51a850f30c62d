package io.kubeletdoctor.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One CertificateSigningRequest as captured at diagnosis time (Kubernetes deletes them within hours),
 * with its PKCS#10 request decoded. {@code proofOfPossession} is null when the request could not be
 * decoded.
 */
public record CsrRecord(String name, String signerName, @Nullable String username, CsrCondition condition,
		Duration age, @Nullable String commonName, List<String> organizations, List<String> sans,
		List<String> usages, @Nullable Instant issuedNotAfter, @Nullable String reason, @Nullable String message,
		@Nullable Boolean proofOfPossession) {

	public static final String KUBELET_CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";

	public static final String KUBELET_SERVING_SIGNER = "kubernetes.io/kubelet-serving";

	public boolean clientRequest() {
		return KUBELET_CLIENT_SIGNER.equals(this.signerName);
	}

	public boolean servingRequest() {
		return KUBELET_SERVING_SIGNER.equals(this.signerName);
	}

}
