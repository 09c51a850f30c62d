package io.kubeletdoctor.step;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Event;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.NodeEventsStepFacts;
import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.playbook.DiagnosisStep;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Step 2: the node's events, newest first, with the readiness and restart reasons the kubelet and
 * the node controller really emit. Kubernetes has no certificate event reasons, so none are looked
 * for; a kubelet with a broken client certificate cannot post events at all, which is why silence
 * after a {@code NodeNotReady} from the node controller tells as much as the events themselves. In a
 * storm (from the third node of a drain on) the nodes share one LIST of every node's events rather
 * than reading their own each.
 */
@Component
class NodeEventsStep implements DiagnosisStep {

	static final Set<String> RELEVANT_REASONS = Set.of("NodeNotReady", "NodeReady", "Starting", "Rebooted",
			"Shutdown", "RegisteredNode", "RemovingNode", "DeletingNode", "KubeletSetupFailed");

	private static final Duration RECENT = Duration.ofHours(1);

	/** Several kubelet starts within the event TTL is a restart loop (the watchdog exits every 5 min). */
	private static final int RESTART_LOOP_STARTS = 3;

	private static final int MAX_HIGHLIGHTS = 20;

	static final String SHARED_KEY = "node-events";

	@Override
	public StepId id() {
		return StepId.NODE_EVENTS;
	}

	@Override
	public String title() {
		return "Node events";
	}

	@Override
	public StepResult run(StepContext context) {
		Instant now = context.evidence().now();
		List<TimedEvent> events = events(context).stream()
			.map(TimedEvent::of)
			.sorted(Comparator.comparing(TimedEvent::time, Comparator.nullsLast(Comparator.reverseOrder())))
			.toList();
		List<TimedEvent> relevant = events.stream().filter((e) -> RELEVANT_REASONS.contains(e.reason())).toList();
		TimedEvent lastNotReady = newest(relevant, "NodeNotReady");
		TimedEvent lastReady = newest(relevant, "NodeReady");
		int kubeletStarts = relevant.stream().filter((e) -> "Starting".equals(e.reason())).mapToInt(TimedEvent::count).sum();
		boolean setupFailed = relevant.stream().anyMatch((e) -> "KubeletSetupFailed".equals(e.reason()));
		boolean recentNotReady = lastNotReady != null && lastNotReady.time() != null
				&& Duration.between(lastNotReady.time(), now).compareTo(RECENT) <= 0;
		boolean readyAgain = recentNotReady && lastReady != null && lastReady.time() != null
				&& lastReady.time().isAfter(lastNotReady.time());

		NodeEventsStepFacts facts = new NodeEventsStepFacts(events.size(), relevant.size(), kubeletStarts,
				secondsAgo(lastNotReady, now), secondsAgo(lastReady, now),
				relevant.stream().limit(MAX_HIGHLIGHTS).map((e) -> e.describe(now)).toList());
		StepStatus status = (recentNotReady || setupFailed || kubeletStarts >= RESTART_LOOP_STARTS)
				? StepStatus.WARNING : StepStatus.OK;
		return StepResult.of(status, summary(events.size(), lastNotReady, readyAgain, kubeletStarts, setupFailed, now),
				facts);
	}

	private static List<Event> events(StepContext context) {
		if (!StormReads.storm(context)) {
			return context.reader().nodeEvents(context.nodeName());
		}
		Map<String, List<Event>> byNode = context.shared(SHARED_KEY, () -> context.reader()
			.nodeEvents()
			.stream()
			.collect(Collectors.groupingBy((event) -> event.getInvolvedObject().getName())));
		return byNode.getOrDefault(context.nodeName(), List.of());
	}

	private static String summary(int total, @Nullable TimedEvent lastNotReady, boolean readyAgain, int kubeletStarts,
			boolean setupFailed, Instant now) {
		if (total == 0) {
			return "No events for the node (events expire after an hour)";
		}
		StringBuilder summary = new StringBuilder().append(total).append(total == 1 ? " event" : " events");
		if (lastNotReady != null && lastNotReady.time() != null) {
			summary.append("; NodeNotReady ")
				.append(TimeSpan.ago(Duration.between(lastNotReady.time(), now)))
				.append(readyAgain ? ", NodeReady since" : "");
		}
		if (kubeletStarts > 0) {
			summary.append("; kubelet started ").append(kubeletStarts).append(kubeletStarts == 1 ? " time" : " times");
		}
		if (setupFailed) {
			summary.append("; KubeletSetupFailed");
		}
		return summary.toString();
	}

	private static @Nullable TimedEvent newest(List<TimedEvent> sortedNewestFirst, String reason) {
		return sortedNewestFirst.stream().filter((e) -> reason.equals(e.reason())).findFirst().orElse(null);
	}

	private static @Nullable Long secondsAgo(@Nullable TimedEvent event, Instant now) {
		return (event != null && event.time() != null) ? Duration.between(event.time(), now).getSeconds() : null;
	}

	/** An event with the best time it carries: last seen, else the events.k8s.io time, else first seen. */
	private record TimedEvent(String reason, @Nullable String type, @Nullable String message, int count,
			@Nullable String source, @Nullable Instant time) {

		static TimedEvent of(Event event) {
			Instant time = Timestamps.parse(event.getLastTimestamp());
			if (time == null && event.getEventTime() != null) {
				time = Timestamps.parse(event.getEventTime().getTime());
			}
			if (time == null) {
				time = Timestamps.parse(event.getFirstTimestamp());
			}
			if (time == null && event.getMetadata() != null) {
				time = Timestamps.parse(event.getMetadata().getCreationTimestamp());
			}
			int count = (event.getCount() != null && event.getCount() > 0) ? event.getCount() : 1;
			String source = (event.getSource() != null && event.getSource().getComponent() != null)
					? event.getSource().getComponent() : event.getReportingComponent();
			return new TimedEvent((event.getReason() != null) ? event.getReason() : "", event.getType(),
					event.getMessage(), count, source, time);
		}

		String describe(Instant now) {
			String when = (this.time != null) ? TimeSpan.ago(Duration.between(this.time, now)) : "?";
			StringBuilder text = new StringBuilder(when).append(' ').append(this.reason);
			if (this.count > 1) {
				text.append(" (x").append(this.count).append(')');
			}
			if (this.source != null && !this.source.isEmpty()) {
				text.append(" [").append(this.source).append(']');
			}
			if (this.message != null && !this.message.isEmpty()) {
				text.append(": ").append(this.message);
			}
			return text.toString();
		}

	}

}
