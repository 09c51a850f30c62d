package io.kubeletdoctor.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.springframework.stereotype.Component;

/**
 * No Node matches the alert, as the API server, the one authority on which Nodes exist, says.
 */
@Component
class NodeNotFoundRule implements DiagnosisRule {

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		boolean missing = evidence.get(NodeFacts.class).map((node) -> !node.found()).orElse(false);
		if (!missing) {
			return Optional.empty();
		}
		String node = evidence.node();
		// The API server is the one authority on which Nodes exist: nothing else could contradict it.
		Grounds grounds = Grounds.observed("no Node by that name or address in the API");
		List<String> lines = new ArrayList<>(List.of("No Node object matches \"" + node + "\""));
		lines.addAll(grounds.lines());
		return Optional.of(new Finding(RootCauseCode.NODE_NOT_FOUND, "Node not found", grounds.confidence(),
				"The alert names " + node + ", but the cluster has no Node by that name or address. The node was"
						+ " most likely removed (scale-down, replacement) and the alert is left over, or the alert's"
						+ " node label does not carry the node name.",
				lines,
				"kubectl get node " + node + " returning a Node, or a Node listing this address.",
				List.of(new Remediation("Find the node under another name or address",
						List.of("kubectl get nodes -o wide", "kubectl get nodes -o wide | grep -F -- " + Commands.quote(node))),
						new Remediation("See whether it was removed recently (events last one hour); if it is gone,"
								+ " the alert resolves once Prometheus stops scraping it, otherwise fix the relabelling"
								+ " that sets the node label",
								List.of("kubectl get events -A --field-selector "
										+ Commands.quote("involvedObject.kind=Node,involvedObject.name=" + node))))));
	}

}
