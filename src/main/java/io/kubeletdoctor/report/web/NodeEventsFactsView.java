package io.kubeletdoctor.report.web;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** node-events: event counts, kubelet starts, the last NotReady and Ready, and the relevant events. */
final class NodeEventsFactsView implements StepFactsView {

	/** "5 minutes ago NodeNotReady (x2) [node-controller]: message", as the events step writes it. */
	private static final Pattern EVENT = Pattern.compile("^(\\S.*? ago|\\?) (\\S+)(.*)$");

	private static final Set<String> BAD_EVENTS = Set.of("NodeNotReady", "KubeletSetupFailed", "Rebooted",
			"Shutdown", "RemovingNode", "DeletingNode");

	@Override
	public void describe(StepFacts facts, StepLines lines, ReportFormatter fmt) {
		lines.listingTitle("Relevant events, newest first");
		Long total = facts.number("eventCount");
		Long relevant = facts.number("relevantCount");
		if (total != null) {
			lines.detail("Events",
					total + " for the node, " + ((relevant != null) ? relevant : 0) + " about readiness or restarts", null);
		}
		Long starts = facts.number("kubeletStarts");
		if (starts != null && starts > 0) {
			lines.detail("Kubelet starts", String.valueOf(starts), (starts >= 3) ? "warn" : null);
		}
		Long notReady = facts.number("lastNotReadySecondsAgo");
		if (notReady != null) {
			lines.detail("Last NodeNotReady", StepFacts.ago(notReady), "warn");
		}
		Long ready = facts.number("lastReadySecondsAgo");
		if (ready != null) {
			lines.detail("Last NodeReady", StepFacts.ago(ready), null);
		}
		for (String event : facts.strings("highlights")) {
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
