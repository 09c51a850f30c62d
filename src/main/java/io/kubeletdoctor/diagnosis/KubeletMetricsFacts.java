package io.kubeletdoctor.diagnosis;

import org.jspecify.annotations.Nullable;

/**
 * The kubelet certificate-manager metrics. A null TTL means the series is absent (rotation off or
 * not exported); {@link Double#POSITIVE_INFINITY} means the kubelet has no valid certificate.
 * {@code unauthorizedRequests} sums {@code rest_client_requests_total{code="401"}}: the kubelet's
 * own API requests the API server rejected since it started (null when the series is absent).
 */
public record KubeletMetricsFacts(@Nullable Double clientTtlSeconds, @Nullable Double serverTtlSeconds,
		@Nullable Double clientRenewErrors, @Nullable Double serverRenewErrors, @Nullable Double unauthorizedRequests) {

	public KubeletMetricsFacts(@Nullable Double clientTtlSeconds, @Nullable Double serverTtlSeconds,
			@Nullable Double clientRenewErrors, @Nullable Double serverRenewErrors) {
		this(clientTtlSeconds, serverTtlSeconds, clientRenewErrors, serverRenewErrors, null);
	}

	public boolean noValidClientCertificate() {
		return this.clientTtlSeconds != null && this.clientTtlSeconds.isInfinite();
	}

	public boolean noValidServingCertificate() {
		return this.serverTtlSeconds != null && this.serverTtlSeconds.isInfinite();
	}

}
