package io.kubeletdoctor.diagnosis.rules;

import java.util.List;

import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.ShellQuoting;
import org.jspecify.annotations.Nullable;

/**
 * Command snippets that several rules hand out, with the node substituted. Titles say where to run
 * them: "On the node" means a shell on the node itself; the rest runs wherever kubectl works. Every
 * value put into a command (node, CSR and signer names, which come from alerts and the API) goes
 * through {@link io.kubeletdoctor.diagnosis.ShellQuoting#quote}, so a hostile value stays one word.
 */
final class Commands {

	static final String KUBELET_CONFIG = "/var/lib/kubelet/config.yaml";

	static final String PKI = "/var/lib/kubelet/pki";

	static final String RESTART_KUBELET = "sudo systemctl restart kubelet";

	static final String KUBELET_STATUS = "sudo systemctl status kubelet --no-pager";

	static final String KUBELET_JOURNAL = "sudo journalctl -u kubelet --since \"1 hour ago\" --no-pager";

	static final String KUBELET_CERT_LOG = KUBELET_JOURNAL + " | grep -iE 'certificate|csr|x509'";

	static final String CLIENT_CERT_EXPIRY = "sudo openssl x509 -subject -enddate -noout -in " + PKI
			+ "/kubelet-client-current.pem";

	static final String SERVING_CERT_EXPIRY = "sudo openssl x509 -subject -enddate -noout -in " + PKI
			+ "/kubelet-server-current.pem 2>/dev/null || sudo openssl x509 -subject -enddate -noout -in " + PKI
			+ "/kubelet.crt";

	static final String ROTATION_SETTINGS = "sudo grep -E 'rotateCertificates|serverTLSBootstrap' " + KUBELET_CONFIG;

	static final String CONTROLLER_MANAGER_LEASE = "kubectl -n kube-system get lease kube-controller-manager"
			+ " -o jsonpath='{.spec.holderIdentity} {.spec.renewTime}{\"\\n\"}'";

	static final String CONTROLLER_MANAGER_PODS = "kubectl -n kube-system get pods -l component=kube-controller-manager"
			+ " -o wide";

	static final String CONTROLLER_MANAGER_MANIFEST = "/etc/kubernetes/manifests/kube-controller-manager.yaml";

	static final String CLUSTER_CA_EXPIRY = "kubectl -n kube-system get configmap kube-root-ca.crt"
			+ " -o jsonpath='{.data.ca\\.crt}' | openssl x509 -noout -subject -enddate";

	/** Every certificate of the bundle, not just the first one as openssl x509 would print. */
	static final String CLUSTER_CA_BUNDLE = "kubectl -n kube-system get configmap kube-root-ca.crt"
			+ " -o jsonpath='{.data.ca\\.crt}' | openssl crl2pkcs7 -nocrl -certfile /dev/stdin"
			+ " | openssl pkcs7 -print_certs -noout";

	private Commands() {
	}

	/** The rules' way to {@link io.kubeletdoctor.diagnosis.ShellQuoting#quote} a value into a command. */
	static String quote(String value) {
		return ShellQuoting.quote(value);
	}

	/**
	 * Asks the API server whether the node identity may create CSRs, or with {@code subresource}
	 * ({@code selfnodeclient}, {@code nodeclient}) have its client CSRs auto-approved.
	 */
	static String canCreateCsr(String node, @Nullable String subresource) {
		return "kubectl auth can-i create certificatesigningrequests"
				+ ((subresource != null) ? " --subresource=" + quote(subresource) : "") + " --as="
				+ quote("system:node:" + node) + " --as-group=system:nodes";
	}

	static String csrsOf(String signer) {
		return "kubectl get csr --field-selector " + quote("spec.signerName=" + signer)
				+ " --sort-by=.metadata.creationTimestamp";
	}

	/** Approving blindly would let anyone holding a node identity obtain any name: check first. */
	static Remediation verifyThenApprove(String csr, String node) {
		return new Remediation("Check that CSR " + csr + " comes from system:node:" + node
				+ " and asks only for the node's own names and addresses, then approve it",
				List.of("kubectl get csr " + quote(csr) + " -o jsonpath='{.spec.username}{\"\\n\"}'",
						"kubectl get csr " + quote(csr)
								+ " -o jsonpath='{.spec.request}' | base64 -d | openssl req -noout -text",
						"kubectl certificate approve " + quote(csr)));
	}

	/** Sets a top-level boolean of the kubelet config file, adding it when absent. */
	static String enableInKubeletConfig(String field) {
		return "sudo grep -q '^" + field + ":' " + KUBELET_CONFIG + " && sudo sed -i 's/^" + field + ":.*/" + field
				+ ": true/' " + KUBELET_CONFIG + " || echo '" + field + ": true' | sudo tee -a " + KUBELET_CONFIG;
	}

	/** Serving certificates through CSRs, so they rotate instead of expiring. */
	static List<Remediation> enableServingBootstrap(String node) {
		return List.of(
				new Remediation("On the node: turn on serving-certificate bootstrap and rotation, then restart the kubelet",
						List.of(ROTATION_SETTINGS, enableInKubeletConfig("serverTLSBootstrap"),
								enableInKubeletConfig("rotateCertificates"), RESTART_KUBELET)),
				new Remediation("Approve the serving CSR the kubelet of " + node
						+ " then creates (after checking requester and names); on kubeadm, also set serverTLSBootstrap:"
						+ " true in the kubelet-config ConfigMap so upgrades keep it",
						List.of(csrsOf(CsrRecord.KUBELET_SERVING_SIGNER),
								"kubectl -n kube-system edit configmap kubelet-config")));
	}

	static Remediation regenerateSelfSigned() {
		return new Remediation("On the node: move the stale self-signed kubelet.crt/kubelet.key aside so the kubelet"
				+ " generates a new pair at start", List.of("sudo mv " + PKI + "/kubelet.crt " + PKI + "/kubelet.crt.expired",
						"sudo mv " + PKI + "/kubelet.key " + PKI + "/kubelet.key.expired", RESTART_KUBELET));
	}

	static Remediation installServingApprover() {
		return new Remediation("Long term: run an approver for kubernetes.io/kubelet-serving CSRs that checks the"
				+ " requester and SANs (no upstream controller ever approves them)",
				List.of("kubectl get clusterrolebindings -o wide | grep -i kubelet-serving-approver"));
	}

}
