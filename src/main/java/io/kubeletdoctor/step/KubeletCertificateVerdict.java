package io.kubeletdoctor.step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.KubeletConfigFacts;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.pki.CertificateInfo;
import org.jspecify.annotations.Nullable;

/**
 * What the kubelet-certificates step concludes: problems (CRITICAL) and concerns (WARNING) found in
 * the handshake, the serving certificate's dates and the certificate-manager metrics.
 */
record KubeletCertificateVerdict(List<String> problems, List<String> concerns, @Nullable CertificateInfo serving,
		boolean selfGenerated,
		@Nullable KubeletMetricsFacts metrics, Instant now) {

	static final Duration EXPIRY_WARNING = Duration.ofDays(7);

	static KubeletCertificateVerdict of(KubeletEndpointFacts endpoint, @Nullable CertificateInfo serving,
			@Nullable KubeletMetricsFacts metrics, boolean proxyAnswered, Instant now) {
		List<String> problems = new ArrayList<>();
		List<String> concerns = new ArrayList<>();
		if (endpoint.reachability() != Reachability.TLS_OK) {
			String failure = handshakeFailure(endpoint);
			if (endpoint.reachability() == Reachability.TIMEOUT && proxyAnswered) {
				concerns.add(failure + ", yet the API server proxy reaches the kubelet (network path from here)");
			}
			else {
				problems.add(failure);
			}
		}
		if (serving != null) {
			String described = "serving certificate " + (endpoint.selfGenerated() ? "(self-generated) " : "");
			if (serving.isExpiredAt(now)) {
				problems.add(described + "expired " + TimeSpan.ago(serving.remainingAt(now).negated()));
			}
			else if (serving.isNotYetValidAt(now)) {
				problems.add(described + "not valid before " + serving.notBefore() + " (clock skew?)");
			}
			else if (serving.remainingAt(now).compareTo(EXPIRY_WARNING) < 0) {
				concerns.add(described + "expires in " + TimeSpan.of(serving.remainingAt(now)));
			}
		}
		if (metrics != null) {
			if (metrics.noValidClientCertificate()) {
				problems.add("client certificate TTL is +Inf: the kubelet holds no valid client certificate");
			}
			else if (metrics.clientTtlSeconds() != null
					&& metrics.clientTtlSeconds() < EXPIRY_WARNING.getSeconds()) {
				concerns.add("client certificate expires in "
						+ TimeSpan.of(Duration.ofSeconds(metrics.clientTtlSeconds().longValue())));
			}
			if (metrics.noValidServingCertificate()) {
				concerns.add("serving certificate TTL is +Inf in the kubelet's certificate manager");
			}
			if (positive(metrics.clientRenewErrors()) || positive(metrics.serverRenewErrors())) {
				concerns.add("certificate renew errors counted since the kubelet started");
			}
		}
		return new KubeletCertificateVerdict(problems, concerns, serving, endpoint.selfGenerated(), metrics, now);
	}

	private static String handshakeFailure(KubeletEndpointFacts endpoint) {
		String error = (endpoint.error() != null) ? ": " + endpoint.error() : "";
		switch (endpoint.reachability()) {
			case REFUSED:
				return "kubelet port " + endpoint.endpoint() + " refused the connection" + error;
			case TIMEOUT:
				return "kubelet port " + endpoint.endpoint() + " did not answer" + error;
			case HANDSHAKE_FAILED:
				return "TLS handshake with " + endpoint.endpoint() + " failed (no serving certificate offered)" + error;
			default:
				return "kubelet " + endpoint.endpoint() + " not reachable" + error;
		}
	}

	private static boolean positive(@Nullable Double value) {
		return value != null && value > 0;
	}

	StepStatus status() {
		if (!this.problems.isEmpty()) {
			return StepStatus.CRITICAL;
		}
		return this.concerns.isEmpty() ? StepStatus.OK : StepStatus.WARNING;
	}

	String summary(@Nullable KubeletConfigFacts config) {
		if (!this.problems.isEmpty() || !this.concerns.isEmpty()) {
			List<String> all = new ArrayList<>(this.problems);
			all.addAll(this.concerns);
			return capitalize(String.join("; ", all));
		}
		StringBuilder summary = new StringBuilder();
		if (this.serving != null) {
			summary.append("Serving certificate ")
				.append(this.selfGenerated ? "(self-generated) " : "")
				.append("valid for ")
				.append(TimeSpan.of(this.serving.remainingAt(this.now)));
		}
		if (this.metrics != null && this.metrics.clientTtlSeconds() != null) {
			summary.append(", client certificate valid for ")
				.append(TimeSpan.of(Duration.ofSeconds(this.metrics.clientTtlSeconds().longValue())));
		}
		if (config != null) {
			summary.append("; rotation: client ")
				.append(config.rotateCertificates() ? "on" : "off")
				.append(", serving ")
				.append(config.serverTlsBootstrap() ? "on" : "off");
		}
		return summary.toString();
	}

	private static String capitalize(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
