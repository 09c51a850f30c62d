package io.kubeletdoctor.step;

import io.kubeletdoctor.diagnosis.ShellQuoting;

/**
 * What an engineer runs on the node (or with kubectl) when a step could not read the evidence
 * through the API server.
 */
final class ManualCommands {

	static final String KUBELET_JOURNAL = "journalctl -u kubelet --since \"-2h\" | grep -iE 'certificate|csr|x509'";

	static final String CLIENT_CERTIFICATE = "openssl x509 -noout -subject -issuer -dates -in /var/lib/kubelet/pki/kubelet-client-current.pem";

	static final String SERVING_CERTIFICATE = "openssl s_client -connect 127.0.0.1:10250 </dev/null 2>/dev/null | openssl x509 -noout -subject -issuer -dates";

	static final String KUBELET_CONFIG = "grep -E 'rotateCertificates|serverTLSBootstrap|featureGates' /var/lib/kubelet/config.yaml";

	static final String CLUSTER_CA = "openssl x509 -noout -subject -issuer -dates -in /etc/kubernetes/pki/ca.crt";

	private ManualCommands() {
	}

	static String canI(String node, String subresource) {
		String sub = subresource.isEmpty() ? "" : " --subresource=" + ShellQuoting.quote(subresource);
		return "kubectl auth can-i create certificatesigningrequests.certificates.k8s.io" + sub + " --as="
				+ ShellQuoting.quote("system:node:" + node) + " --as-group=system:nodes --as-group=system:authenticated";
	}

}
