package io.kubeletdoctor.diagnosis.rules;

import java.util.List;

import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.Remediation;

/** What to run by hand for each step whose evidence this service could not gather. */
final class ManualChecks {

	private ManualChecks() {
	}

	static List<Remediation> forStep(String step, Evidence evidence) {
		String node = evidence.node();
		switch (step) {
			case Steps.NODE_STATUS:
				return List.of(new Remediation("Check the node's conditions and Lease", List.of(
						"kubectl describe node " + Commands.quote(node),
						"kubectl -n kube-node-lease get lease " + Commands.quote(node)
								+ " -o jsonpath='{.spec.renewTime}{\"\\n\"}'")));
			case Steps.NODE_EVENTS:
				return List.of(new Remediation("List the node's recent events", List.of(
						"kubectl get events -A --field-selector "
								+ Commands.quote("involvedObject.kind=Node,involvedObject.name=" + node)
								+ " --sort-by=.lastTimestamp")));
			case Steps.KUBELET_CERTIFICATES:
				return List.of(
						new Remediation("Check the certificate the kubelet port serves", List.of("openssl s_client"
								+ " -connect " + Commands.quote(endpoint(evidence))
								+ " </dev/null 2>/dev/null | openssl x509 -noout -subject -issuer -enddate")),
						new Remediation("On the node: read the kubelet's certificates and rotation settings",
								List.of(Commands.CLIENT_CERT_EXPIRY, Commands.SERVING_CERT_EXPIRY,
										Commands.ROTATION_SETTINGS)));
			case Steps.KUBELET_LOGS:
				return List.of(new Remediation("On the node: read the kubelet's certificate log lines",
						List.of(Commands.KUBELET_CERT_LOG)));
			case Steps.CERTIFICATE_REQUESTS:
				return List.of(new Remediation("List the CSRs with their requester, signer and condition",
						List.of("kubectl get csr --sort-by=.metadata.creationTimestamp")));
			case Steps.CERTIFICATE_AUTHORITY:
				return List.of(new Remediation("Check the cluster CA's expiry and that a controller-manager leads",
						List.of(Commands.CLUSTER_CA_EXPIRY, Commands.CONTROLLER_MANAGER_LEASE)));
			case Steps.RBAC:
				return List.of(new Remediation("Check that the node may create CSRs and have its renewals"
						+ " auto-approved", List.of(Commands.canCreateCsr(node, null),
								Commands.canCreateCsr(node, "selfnodeclient"))));
			default:
				return List.of();
		}
	}

	private static String endpoint(Evidence evidence) {
		NodeFacts facts = evidence.get(NodeFacts.class).orElse(null);
		String address = (facts != null && facts.address() != null) ? facts.address() : "<node-ip>";
		int port = (facts != null && facts.kubeletPort() != null) ? facts.kubeletPort() : 10250;
		return address + ":" + port;
	}

}
