package io.kubeletdoctor.scenario;

import io.kubeletdoctor.demo.SimulatedNode;

/**
 * A kubelet whose node log query is off, as on every kubelet before 1.27 and on later ones without
 * the NodeLogQuery gate and enableSystemLogQuery: /configz says so, and {@code /logs/?query=kubelet}
 * ignores the query and answers with the /var/log directory listing.
 */
public final class LogQueryOff {

	private LogQueryOff() {
	}

	/** The rotation settings as given, log query off; the certificate metrics follow the settings. */
	public static SimulatedNode configure(SimulatedNode node, boolean rotateCertificates, boolean serverTLSBootstrap) {
		StringBuilder config = new StringBuilder("{\"kubeletconfig\":{\"enableServer\":true,")
			.append("\"staticPodPath\":\"/etc/kubernetes/manifests\",\"address\":\"0.0.0.0\",\"port\":10250,");
		if (!serverTLSBootstrap) {
			config.append("\"tlsCertFile\":\"/var/lib/kubelet/pki/kubelet.crt\",")
				.append("\"tlsPrivateKeyFile\":\"/var/lib/kubelet/pki/kubelet.key\",");
		}
		if (rotateCertificates) {
			config.append("\"rotateCertificates\":true,");
		}
		if (serverTLSBootstrap) {
			config.append("\"serverTLSBootstrap\":true,");
		}
		config.append("\"authentication\":{\"x509\":{\"clientCAFile\":\"/etc/kubernetes/pki/ca.crt\"},")
			.append("\"webhook\":{\"enabled\":true,\"cacheTTL\":\"2m0s\"},\"anonymous\":{\"enabled\":false}},")
			.append("\"nodeStatusUpdateFrequency\":\"10s\",\"nodeLeaseDurationSeconds\":40,")
			.append("\"enableSystemLogHandler\":true}}");
		return node.configz(rotateCertificates, serverTLSBootstrap)
			.configzBody(200, config.toString())
			.logsBody(200, "text/html; charset=utf-8", SimulatedNode.VAR_LOG_LISTING);
	}

}
