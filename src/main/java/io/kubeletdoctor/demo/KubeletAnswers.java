package io.kubeletdoctor.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeletdoctor.demo.KubeletBehaviour.ProxyAnswer;

/** What a healthy kubelet answers on /configz, /metrics and /logs when a scenario says nothing else. */
final class KubeletAnswers {

	static final Duration DEFAULT_CLIENT_TTL = Duration.ofDays(300);

	private static final Pattern MINOR_VERSION = Pattern.compile("v?1\\.(\\d+).*");

	private KubeletAnswers() {
	}

	/**
	 * {@code {"kubeletconfig":{...}}} as the kubelet serialises its v1beta1 configuration: false
	 * booleans are omitted ({@code omitempty}), and from 1.36 the object carries its kind and
	 * apiVersion.
	 */
	static ProxyAnswer configz(String kubeletVersion, boolean rotateCertificates, boolean serverTLSBootstrap) {
		Map<String, Object> config = new LinkedHashMap<>();
		boolean typed = minorVersion(kubeletVersion) >= 36;
		if (typed) {
			config.put("kind", "KubeletConfiguration");
			config.put("apiVersion", "kubelet.config.k8s.io/v1beta1");
		}
		config.put("enableServer", true);
		config.put("staticPodPath", "/etc/kubernetes/manifests");
		config.put("syncFrequency", "1m0s");
		config.put("fileCheckFrequency", "20s");
		config.put("httpCheckFrequency", "20s");
		config.put("address", "0.0.0.0");
		config.put("port", 10250);
		if (!serverTLSBootstrap) {
			// with neither serverTLSBootstrap nor a configured pair, the kubelet self-signs these files
			config.put("tlsCertFile", "/var/lib/kubelet/pki/kubelet.crt");
			config.put("tlsPrivateKeyFile", "/var/lib/kubelet/pki/kubelet.key");
		}
		if (rotateCertificates) {
			config.put("rotateCertificates", true);
		}
		if (serverTLSBootstrap) {
			config.put("serverTLSBootstrap", true);
		}
		config.put("authentication", Map.of("x509", Map.of("clientCAFile", "/etc/kubernetes/pki/ca.crt"), "webhook",
				Map.of("enabled", true, "cacheTTL", "2m0s"), "anonymous", Map.of("enabled", false)));
		config.put("authorization", Map.of("mode", "Webhook", "webhook",
				Map.of("cacheAuthorizedTTL", "5m0s", "cacheUnauthorizedTTL", "30s")));
		config.put("clusterDomain", "cluster.local");
		config.put("clusterDNS", List.of("10.96.0.10"));
		config.put("nodeStatusUpdateFrequency", "10s");
		config.put("nodeStatusReportFrequency", "5m0s");
		config.put("nodeLeaseDurationSeconds", 40);
		config.put("cgroupDriver", "systemd");
		config.put("containerRuntimeEndpoint", "unix:///var/run/containerd/containerd.sock");
		config.put("enableSystemLogHandler", true);
		config.put("enableSystemLogQuery", true);
		if (!typed) {
			config.put("featureGates", Map.of("NodeLogQuery", true));
		}
		return new ProxyAnswer(200, "application/json",
				ApiStatus.serialization().asJson(Map.of("kubeletconfig", config)));
	}

	static ProxyAnswer metrics(boolean rotateCertificates, boolean serverTLSBootstrap, Double servingTtlSeconds) {
		String text = KubeletMetricsText.certificateMetrics(
				rotateCertificates ? KubeletMetricsText.ttl(DEFAULT_CLIENT_TTL) : null,
				serverTLSBootstrap ? servingTtlSeconds : null, 0, 0);
		return new ProxyAnswer(200, "text/plain; version=0.0.4; charset=utf-8", text);
	}

	static List<String> logLines(String nodeName, Instant now, boolean serverTLSBootstrap) {
		String clientSigner = "kubernetes.io/kube-apiserver-client-kubelet";
		Instant clientExpiry = now.plus(DEFAULT_CLIENT_TTL);
		List<String> lines = new ArrayList<>();
		lines.add(KubeletJournal.line(now.minus(Duration.ofMinutes(42)), nodeName, 'I', "certificate_manager.go:356",
				"\"Certificate rotation deadline determined\" logger=\"" + clientSigner + "\" expiration=\""
						+ clientExpiry + "\" deadline=\"" + clientExpiry.minus(Duration.ofDays(60)) + "\""));
		lines.add(KubeletJournal.line(now.minus(Duration.ofMinutes(42)), nodeName, 'I', "certificate_manager.go:356",
				"\"Waiting for next certificate rotation\" logger=\"" + clientSigner + "\" sleep=\"5759h17m52s\""));
		if (serverTLSBootstrap) {
			lines.add(KubeletJournal.line(now.minus(Duration.ofMinutes(41)), nodeName, 'I',
					"certificate_manager.go:356", "\"Waiting for next certificate rotation\" "
							+ "logger=\"kubernetes.io/kubelet-serving\" sleep=\"5802h3m11s\""));
		}
		lines.add(KubeletJournal.line(now.minus(Duration.ofMinutes(7)), nodeName, 'I', "kubelet.go:2480",
				"\"SyncLoop ADD\" source=\"api\" pods=[\"kube-system/kube-proxy-" + suffix(nodeName) + "\"]"));
		return List.copyOf(lines);
	}

	static int minorVersion(String kubeletVersion) {
		Matcher matcher = MINOR_VERSION.matcher(kubeletVersion);
		return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	/** A stable five-letter suffix like the ones generated names carry. */
	static String suffix(String seed) {
		String alphabet = "bcdfghjklmnpqrstvwxz2456789";
		int hash = seed.hashCode();
		StringBuilder suffix = new StringBuilder();
		for (int i = 0; i < 5; i++) {
			suffix.append(alphabet.charAt(Math.floorMod(hash, alphabet.length())));
			hash = hash * 31 + 7;
		}
		return suffix.toString();
	}

}
