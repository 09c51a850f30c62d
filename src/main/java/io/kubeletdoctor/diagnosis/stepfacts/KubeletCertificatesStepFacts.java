package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * kubelet-certificates: the TLS handshake, the serving certificate it showed, the rotation settings
 * from /configz and the certificate metrics, how the kubelet was read (straight to its port or
 * through the node proxy, and why), and what could not be read. The report stores the
 * parts flat, each with its prefix, so the record is built and read through its parts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KubeletCertificatesStepFacts(String endpoint, String reachability, @Nullable String handshakeError,
		@Nullable String servingSubject, @Nullable String servingIssuer, @Nullable Boolean servingSelfSigned,
		@Nullable Boolean servingSelfGenerated, @Nullable String servingNotBefore, @Nullable String servingNotAfter,
		@Nullable Long servingRemainingSeconds, @Nullable List<String> servingSans,
		@Nullable Boolean rotateCertificates, @Nullable Boolean serverTLSBootstrap, @Nullable List<String> featureGates,
		@Nullable String tlsCertFile, @Nullable Boolean enableSystemLogQuery, @Nullable MetricValue clientTtlSeconds,
		@Nullable MetricValue serverTtlSeconds, @Nullable MetricValue clientRenewErrors,
		@Nullable MetricValue serverRenewErrors, @Nullable List<String> notRead, @Nullable String kubeletAccess)
		implements StepFacts {

	public static KubeletCertificatesStepFacts of(String endpoint, String reachability, @Nullable String handshakeError,
			@Nullable Serving serving, @Nullable Settings settings, @Nullable Metrics metrics, List<String> notRead) {
		return of(endpoint, reachability, handshakeError, serving, settings, metrics, notRead, null);
	}

	/** @param kubeletAccess how /configz and /metrics were read (direct or node proxy) and why, or why not */
	public static KubeletCertificatesStepFacts of(String endpoint, String reachability, @Nullable String handshakeError,
			@Nullable Serving serving, @Nullable Settings settings, @Nullable Metrics metrics, List<String> notRead,
			@Nullable String kubeletAccess) {
		Serving s = (serving != null) ? serving : new Serving(null, null, null, null, null, null, null, null);
		Settings c = (settings != null) ? settings : new Settings(null, null, null, null, null);
		Metrics m = (metrics != null) ? metrics : new Metrics(null, null, null, null);
		return new KubeletCertificatesStepFacts(endpoint, reachability, handshakeError, s.subject(), s.issuer(),
				s.selfSigned(), s.selfGenerated(), s.notBefore(), s.notAfter(), s.remainingSeconds(), s.sans(),
				c.rotateCertificates(), c.serverTlsBootstrap(), c.featureGates(), c.tlsCertFile(),
				c.enableSystemLogQuery(), m.clientTtlSeconds(), m.serverTtlSeconds(), m.clientRenewErrors(),
				m.serverRenewErrors(), notRead.isEmpty() ? null : notRead, kubeletAccess);
	}

	/** The serving certificate the handshake showed, if any. */
	public @Nullable Serving serving() {
		if (this.servingNotAfter == null) {
			return null;
		}
		return new Serving(this.servingSubject, this.servingIssuer, this.servingSelfSigned, this.servingSelfGenerated,
				this.servingNotBefore, this.servingNotAfter, this.servingRemainingSeconds, this.servingSans);
	}

	/** The serving certificate; {@code selfGenerated} is the kubelet's own kubelet.crt, never rotated. */
	public record Serving(@Nullable String subject, @Nullable String issuer, @Nullable Boolean selfSigned,
			@Nullable Boolean selfGenerated, @Nullable String notBefore, @Nullable String notAfter,
			@Nullable Long remainingSeconds, @Nullable List<String> sans) {
	}

	/** The rotation settings of the kubelet configuration, as /configz shows them. */
	public record Settings(@Nullable Boolean rotateCertificates, @Nullable Boolean serverTlsBootstrap,
			@Nullable List<String> featureGates, @Nullable String tlsCertFile, @Nullable Boolean enableSystemLogQuery) {
	}

	/** The kubelet's certificate TTL gauges and renew-error counters. */
	public record Metrics(@Nullable MetricValue clientTtlSeconds, @Nullable MetricValue serverTtlSeconds,
			@Nullable MetricValue clientRenewErrors, @Nullable MetricValue serverRenewErrors) {
	}

}
