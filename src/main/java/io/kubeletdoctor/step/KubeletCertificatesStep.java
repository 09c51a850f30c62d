package io.kubeletdoctor.step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.cluster.KubeletHandshake;
import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.KubeletConfigFacts;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.ObservedCertificate;
import io.kubeletdoctor.pki.CertificateInfo;
import io.kubeletdoctor.pki.Certificates;
import io.kubeletdoctor.playbook.DiagnosisStep;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Step 3: the kubelet's certificates as the kubelet itself shows them. The serving certificate comes
 * from a TLS handshake with the address and port of the Node object (never from an alert); the
 * client certificate's TTL and the renew-error counters from {@code /metrics}; the rotation
 * settings from {@code /configz}. The proxy reads are extras: when they fail the step still reports
 * the handshake and says what it could not read.
 */
@Component
class KubeletCertificatesStep implements DiagnosisStep {

	@Override
	public String id() {
		return "kubelet-certificates";
	}

	@Override
	public String title() {
		return "Kubelet certificates and rotation settings";
	}

	@Override
	public StepResult run(StepContext context) {
		NodeFacts node = context.evidence().get(NodeFacts.class).orElse(null);
		if (node == null) {
			return StepResult.skipped("The Node was not read, so the kubelet endpoint is unknown");
		}
		if (!node.found()) {
			return StepResult.skipped("Node not found: no kubelet endpoint to check");
		}
		if (node.address() == null || node.kubeletPort() == null) {
			context.evidence()
				.put(new KubeletEndpointFacts("none", Reachability.NO_ADDRESS,
						"The Node reports no address or kubelet port", List.of()));
			return StepResult.unavailable("The Node reports no address or kubelet port, so the kubelet cannot be "
					+ "reached; read the certificates on the node", ManualCommands.CLIENT_CERTIFICATE);
		}
		Instant now = context.evidence().now();
		KubeletHandshake handshake = context.reader().handshake(node.address(), node.kubeletPort());
		KubeletEndpointFacts endpoint = new KubeletEndpointFacts(handshake.endpoint(), handshake.reachability(),
				handshake.error(), handshake.chain().stream().map(Certificates::describe).toList());
		context.evidence().put(endpoint);
		if (!handshake.chain().isEmpty()) {
			context.evidence().put(new HandshakeChain(handshake.endpoint(), handshake.chain()));
		}
		CertificateInfo serving = endpoint.servingCertificate();
		if (serving != null) {
			context.evidence()
				.addCertificate(new ObservedCertificate(CertificateRole.SERVING, serving,
						"TLS handshake " + handshake.endpoint()));
		}

		Facts facts = new Facts().put("endpoint", endpoint.endpoint()).put("reachability", endpoint.reachability().name());
		facts.put("handshakeError", endpoint.error());
		describeServing(serving, endpoint.selfGenerated(), now, facts);
		List<String> notRead = new ArrayList<>();
		KubeletConfigFacts config = null;
		KubeletMetricsFacts metrics = null;
		boolean proxyAnswered = false;
		if (worthProxying(endpoint.reachability())) {
			ProxyRead configz = ProxyRead.of(context, "configz");
			proxyAnswered = configz.ok();
			config = readConfig(configz, notRead, facts);
			if (config != null) {
				context.evidence().put(config);
			}
			if (proxyAnswered || endpoint.reachability() == Reachability.TLS_OK) {
				metrics = readMetrics(ProxyRead.of(context, "metrics"), notRead);
				if (metrics != null) {
					context.evidence().put(metrics);
				}
			}
			else {
				notRead.add("metrics: skipped, the kubelet did not answer through the API server either");
			}
		}
		else {
			notRead.add("configz and metrics: not read, the kubelet port does not serve TLS");
		}
		describeMetrics(metrics, facts);
		facts.put("notRead", notRead.isEmpty() ? null : notRead);
		KubeletCertificateVerdict verdict = KubeletCertificateVerdict.of(endpoint, serving, metrics, proxyAnswered, now);
		return StepResult.of(verdict.status(), verdict.summary(config), facts.asMap());
	}

	/**
	 * A refused or aborted handshake fails the proxy the same way; a timeout may be our own network
	 * path only, so the proxy is tried once to tell a hanging kubelet from a firewall.
	 */
	private static boolean worthProxying(Reachability reachability) {
		return reachability == Reachability.TLS_OK || reachability == Reachability.TIMEOUT;
	}

	private static @Nullable KubeletConfigFacts readConfig(ProxyRead read, List<String> notRead, Facts facts) {
		if (!read.ok()) {
			notRead.add("configz: " + read.problem());
			return null;
		}
		try {
			KubeletConfigz configz = KubeletConfigz.parse(read.body());
			KubeletConfigFacts config = configz.facts();
			facts.put("rotateCertificates", config.rotateCertificates())
				.put("serverTLSBootstrap", config.serverTlsBootstrap())
				.put("featureGates", config.featureGates().entrySet().stream().map((g) -> g.getKey() + "=" + g.getValue()).toList())
				.put("tlsCertFile", configz.tlsCertFile())
				.put("enableSystemLogQuery", configz.enableSystemLogQuery());
			return config;
		}
		catch (IllegalArgumentException ex) {
			notRead.add("configz: " + ex.getMessage());
			return null;
		}
	}

	private static @Nullable KubeletMetricsFacts readMetrics(ProxyRead read, List<String> notRead) {
		if (!read.ok()) {
			notRead.add("metrics: " + read.problem());
			return null;
		}
		return KubeletMetricsParser.parse(read.body());
	}

	private static void describeServing(@Nullable CertificateInfo serving, boolean selfGenerated, Instant now,
			Facts facts) {
		if (serving == null) {
			return;
		}
		facts.put("servingSubject", serving.subject())
			.put("servingIssuer", serving.issuer())
			.put("servingSelfSigned", serving.selfSigned())
			.put("servingSelfGenerated", selfGenerated)
			.put("servingNotBefore", serving.notBefore().toString())
			.put("servingNotAfter", serving.notAfter().toString())
			.seconds("servingRemainingSeconds", serving.remainingAt(now))
			.put("servingSans", sans(serving));
	}

	private static List<String> sans(CertificateInfo certificate) {
		List<String> sans = new ArrayList<>(certificate.dnsNames());
		sans.addAll(certificate.ipAddresses());
		return sans;
	}

	private static void describeMetrics(@Nullable KubeletMetricsFacts metrics, Facts facts) {
		if (metrics == null) {
			return;
		}
		facts.put("clientTtlSeconds", metricValue(metrics.clientTtlSeconds()))
			.put("serverTtlSeconds", metricValue(metrics.serverTtlSeconds()))
			.put("clientRenewErrors", metricValue(metrics.clientRenewErrors()))
			.put("serverRenewErrors", metricValue(metrics.serverRenewErrors()));
	}

	/** JSON has no infinity, so {@code +Inf} stays the string Prometheus writes. */
	static @Nullable Object metricValue(@Nullable Double value) {
		if (value == null) {
			return null;
		}
		if (value.isInfinite() || value.isNaN()) {
			return value.isNaN() ? "NaN" : (value > 0) ? "+Inf" : "-Inf";
		}
		return (value == Math.rint(value)) ? (Object) value.longValue() : value;
	}

}
