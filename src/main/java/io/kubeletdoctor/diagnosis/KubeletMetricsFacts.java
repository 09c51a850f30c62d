package io.kubeletdoctor.diagnosis;

import org.jspecify.annotations.Nullable;

/**
 * The kubelet certificate-manager metrics. A null TTL means the series is absent (rotation off or
 * not exported); {@link Double#POSITIVE_INFINITY} means the kubelet has no valid certificate.
 */
public record KubeletMetricsFacts(@Nullable Double clientTtlSeconds, @Nullable Double serverTtlSeconds,
		@Nullable Double clientRenewErrors, @Nullable Double serverRenewErrors) {

	public boolean noValidClientCertificate() {
		return this.clientTtlSeconds != null && this.clientTtlSeconds.isInfinite();
	}

	public boolean noValidServingCertificate() {
		return this.serverTtlSeconds != null && this.serverTtlSeconds.isInfinite();
	}

}
