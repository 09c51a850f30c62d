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
import io.kubeletdoctor.diagnosis.stepfacts.KubeletCertificatesStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.KubeletCertificatesStepFacts.Metrics;
import io.kubeletdoctor.diagnosis.stepfacts.KubeletCertificatesStepFacts.Serving;
import io.kubeletdoctor.diagnosis.stepfacts.KubeletCertificatesStepFacts.Settings;
import io.kubeletdoctor.diagnosis.stepfacts.MetricValue;
import io.kubeletdoctor.pki.CertificateInfo;
import io.kubeletdoctor.pki.Certificates;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.playbook.DiagnosisStep;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Step 3: the kubelet's certificates as the kubelet itself shows them. The serving certificate comes
 * from a TLS handshake with the address and port of the Node object (never from an alert); the
 * client certificate's TTL and the renew-error counters from {@code /metrics}; the rotation
 * settings from {@code /configz}, both read from the kubelet itself once its serving certificate
 * verified (see {@link io.kubeletdoctor.cluster.ClusterReader#kubelet}). Those reads are extras:
 * when they fail or are not sent, the step still reports the handshake and says what it could not
 * read and why.
 */
@Component
class KubeletCertificatesStep implements DiagnosisStep {

	@Override
	public StepId id() {
		return StepId.KUBELET_CERTIFICATES;
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

		List<String> notRead = new ArrayList<>();
		KubeletConfigFacts config = null;
		Settings settings = null;
		KubeletMetricsFacts metrics = null;
		boolean kubeletAnswered = false;
		String access = null;
		if (worthReading(endpoint.reachability())) {
			KubeletRead configz = KubeletRead.of(context, node, "configz");
			kubeletAnswered = configz.ok();
			access = configz.access();
			KubeletConfigz read = readConfig(configz, notRead);
			if (read != null) {
				config = read.facts();
				settings = settings(read);
				context.evidence().put(config);
			}
			if (configz.refused()) {
				notRead.add("metrics: not read either, for the same reason");
			}
			else if (kubeletAnswered || endpoint.reachability() == Reachability.TLS_OK) {
				KubeletRead metricsRead = KubeletRead.of(context, node, "metrics");
				access = (access != null) ? access : metricsRead.access();
				metrics = readMetrics(metricsRead, notRead);
				if (metrics != null) {
					context.evidence().put(metrics);
				}
			}
			else {
				notRead.add("metrics: skipped, the kubelet did not answer /configz either");
			}
		}
		else {
			notRead.add("configz and metrics: not read, the kubelet port does not serve TLS");
		}
		KubeletCertificatesStepFacts facts = KubeletCertificatesStepFacts.of(endpoint.endpoint(),
				endpoint.reachability().name(), endpoint.error(), serving(serving, endpoint.selfGenerated(), now),
				settings, metrics(metrics), notRead, access);
		KubeletCertificateVerdict verdict = KubeletCertificateVerdict.of(endpoint, serving, metrics, kubeletAnswered, now);
		return StepResult.of(verdict.status(), verdict.summary(config), facts);
	}

	/**
	 * A refused or aborted handshake fails every read the same way; a timeout may be our own network
	 * path only, so a read is tried once (through the node proxy where granted) to tell a hanging
	 * kubelet from a firewall.
	 */
	private static boolean worthReading(Reachability reachability) {
		return reachability == Reachability.TLS_OK || reachability == Reachability.TIMEOUT;
	}

	private static @Nullable KubeletConfigz readConfig(KubeletRead read, List<String> notRead) {
		if (!read.ok()) {
			notRead.add("configz: " + read.problem());
			return null;
		}
		try {
			return KubeletConfigz.parse(read.body());
		}
		catch (IllegalArgumentException ex) {
			notRead.add("configz: " + ex.getMessage());
			return null;
		}
	}

	private static @Nullable KubeletMetricsFacts readMetrics(KubeletRead read, List<String> notRead) {
		if (!read.ok()) {
			notRead.add("metrics: " + read.problem());
			return null;
		}
		return KubeletMetricsParser.parse(read.body());
	}

	private static Settings settings(KubeletConfigz configz) {
		KubeletConfigFacts config = configz.facts();
		return new Settings(config.rotateCertificates(), config.serverTlsBootstrap(),
				config.featureGates().entrySet().stream().map((g) -> g.getKey() + "=" + g.getValue()).toList(),
				configz.tlsCertFile(), configz.enableSystemLogQuery());
	}

	private static @Nullable Serving serving(@Nullable CertificateInfo serving, boolean selfGenerated, Instant now) {
		if (serving == null) {
			return null;
		}
		return new Serving(serving.subject(), serving.issuer(), serving.selfSigned(), selfGenerated,
				serving.notBefore().toString(), serving.notAfter().toString(), serving.remainingAt(now).getSeconds(),
				sans(serving));
	}

	private static List<String> sans(CertificateInfo certificate) {
		List<String> sans = new ArrayList<>(certificate.dnsNames());
		sans.addAll(certificate.ipAddresses());
		return sans;
	}

	private static @Nullable Metrics metrics(@Nullable KubeletMetricsFacts metrics) {
		if (metrics == null) {
			return null;
		}
		return new Metrics(metricValue(metrics.clientTtlSeconds()), metricValue(metrics.serverTtlSeconds()),
				metricValue(metrics.clientRenewErrors()), metricValue(metrics.serverRenewErrors()));
	}

	private static @Nullable MetricValue metricValue(@Nullable Double value) {
		return (value != null) ? new MetricValue(value) : null;
	}

}
