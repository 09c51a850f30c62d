package io.kubeletdoctor.diagnosis;

import java.time.Duration;
import java.util.List;

import io.kubeletdoctor.pki.CertificateInfo;
import org.jspecify.annotations.Nullable;

/**
 * The CA bundle from {@code kube-root-ca.crt} and whether the kubelet's serving certificate chains to
 * it. {@code servingChainsToBundle} is null when it cannot be decided (self-signed serving
 * certificate, no handshake, or a separate signer CA).
 */
public record CertificateAuthorityFacts(List<CertificateInfo> bundle, @Nullable Boolean servingChainsToBundle,
		@Nullable Duration controllerManagerLeaseAge) {
}
