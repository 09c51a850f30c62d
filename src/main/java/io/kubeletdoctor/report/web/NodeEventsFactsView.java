package io.kubeletdoctor.report.web;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeletdoctor.diagnosis.stepfacts.NodeEventsStepFacts;

/** node-events: event counts, kubelet starts, the last NotReady and Ready, and the relevant events. */
final class NodeEventsFactsView {

	/** "5 minutes ago NodeNotReady (x2) [node-controller]: message", as the events step writes it. */
	private static final Pattern EVENT = Pattern.compile("^(\\S.*? ago|\\?) (\\S+)(.*)$");

	private static final Set<String> BAD_EVENTS = Set.of("NodeNotReady", "KubeletSetupFailed", "Rebooted",
			"Shutdown", "RemovingNode", "DeletingNode");

	private NodeEventsFactsView() {
	}

	static void describe(NodeEventsStepFacts facts, StepLines lines) {
		lines.listingTitle("Relevant events, newest first");
		lines.detail("Events",
				facts.eventCount() + " for the node, " + facts.relevantCount() + " about readiness or restarts", null);
		int starts = facts.kubeletStarts();
		if (starts > 0) {
			lines.detail("Kubelet starts", String.valueOf(starts), (starts >= 3) ? "warn" : null);
		}
		if (facts.lastNotReadySecondsAgo() != null) {
			lines.detail("Last NodeNotReady", Ages.ago(facts.lastNotReadySecondsAgo()), "warn");
		}
		if (facts.lastReadySecondsAgo() != null) {
			lines.detail("Last NodeReady", Ages.ago(facts.lastReadySecondsAgo()), null);
		}
		for (String event : facts.highlights()) {
			Matcher matcher = EVENT.matcher(event);
			if (matcher.matches()) {
				String reason = matcher.group(2);
				lines.item(reason, BAD_EVENTS.contains(reason) ? "bad" : null, matcher.group(1) + matcher.group(3), false);
			}
			else {
				lines.item(null, null, event, false);
			}
		}
	}

}
