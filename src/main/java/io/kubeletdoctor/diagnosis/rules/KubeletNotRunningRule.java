package io.kubeletdoctor.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The kubelet port refuses or times out and the node stopped reporting, with no sign of certificate
 * trouble. Silent when anything points at the client certificate: a kubelet without one exits every
 * five minutes, so a refused port is then a symptom, not the cause. Silent too when the node still
 * reports, since only this service's path to the port is then broken.
 */
@Component
class KubeletNotRunningRule implements DiagnosisRule {

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		KubeletEndpointFacts endpoint = evidence.get(KubeletEndpointFacts.class).orElse(null);
		if (endpoint == null || !down(endpoint.reachability())) {
			return Optional.empty();
		}
		NodeFacts node = evidence.get(NodeFacts.class).orElse(null);
		if (node != null && (!node.found() || !HeartbeatText.lost(node))) {
			return Optional.empty();
		}
		if (ClientCertificateTrouble.read(evidence).suspected()) {
			return Optional.empty();
		}
		List<String> lines = new ArrayList<>();
		lines.add("Kubelet port " + endpoint.endpoint() + ": " + endpoint.reachability()
				+ ((endpoint.error() != null) ? " (" + endpoint.error() + ")" : ""));
		if (node != null) {
			lines.add(HeartbeatText.describe(node));
		}
		lines.add("No sign of client certificate trouble (no +Inf TTL, no expired client certificate, no client"
				+ " certificate log lines)");
		// A stopped kubelet serves no logs, so the journal that would tell a crash-loop for lack of a client
		// certificate is out of reach from the API: that alternative stays open unless the logs were read.
		Grounds grounds = Grounds.observed("the kubelet port " + endpoint.reachability() + " while the node stopped"
				+ " reporting")
			.excludingBy(evidence, Steps.KUBELET_LOGS, "a kubelet exiting every five minutes for lack of a valid"
					+ " client certificate", true)
			.excludingBy(evidence, Steps.NODE_STATUS, "a node that still reports (only this service's path to the"
					+ " port broken)", node != null);
		lines.addAll(grounds.lines());
		String name = evidence.node();
		return Optional.of(new Finding(RootCauseCode.KUBELET_NOT_RUNNING, "Kubelet not running or unreachable",
				grounds.confidence(),
				summary(name, endpoint, node), lines,
				"Kubelet log lines about the client certificate (\"No valid client certificate is found\","
						+ " \"has expired\") in journalctl -u kubelet on " + name + ", which would make the stop a"
						+ " symptom of CLIENT_CERT_EXPIRED; or the kubelet port answering again.",
				remediation(name, endpoint.reachability())));
	}

	private static boolean down(Reachability reachability) {
		return reachability == Reachability.REFUSED || reachability == Reachability.TIMEOUT;
	}

	private String summary(String name, KubeletEndpointFacts endpoint, @Nullable NodeFacts node) {
		String port = (endpoint.reachability() == Reachability.REFUSED)
				? "nothing listens on the kubelet port " + endpoint.endpoint() + ": the kubelet is stopped or"
						+ " crash-looping"
				: "the kubelet port " + endpoint.endpoint() + " does not answer: the node is down, cut off, or a"
						+ " firewall drops the port";
		String since = (node != null && node.leaseAge() != null)
				? " The node stopped reporting " + EvidenceText.ago(node.leaseAge())
						+ "; its pods get evicted once the unreachable taint's toleration runs out (5 minutes by"
						+ " default)."
				: "";
		return "On " + name + ", " + port + ", and no certificate fault was seen." + since;
	}

	private List<Remediation> remediation(String name, Reachability reachability) {
		List<Remediation> steps = new ArrayList<>();
		if (reachability == Reachability.TIMEOUT) {
			steps.add(new Remediation("Check that the node is up and reachable (cloud console or out-of-band"
					+ " access), then continue on the node", List.of("kubectl get node " + Commands.quote(name) + " -o wide")));
		}
		steps.add(new Remediation("On the node: see why the kubelet stopped, then restart it",
				List.of(Commands.KUBELET_STATUS, Commands.KUBELET_JOURNAL, Commands.RESTART_KUBELET)));
		return steps;
	}

}
