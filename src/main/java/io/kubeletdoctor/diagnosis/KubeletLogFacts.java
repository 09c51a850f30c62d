package io.kubeletdoctor.diagnosis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Certificate-related kubelet log lines, each classified. */
public record KubeletLogFacts(List<Line> lines) {

	public boolean has(LogSignal signal) {
		return this.lines.stream().anyMatch((line) -> line.signal() == signal);
	}

	public List<Line> of(LogSignal signal) {
		return this.lines.stream().filter((line) -> line.signal() == signal).toList();
	}

	public record Line(LogSignal signal, String text) {

		/**
		 * When the line was written by the node's clock, read from its journald or klog header; empty
		 * when it has neither. Headers carry no year: the one nearest {@code now} is taken.
		 */
		public Optional<Instant> loggedAt(Instant now) {
			return LogTime.of(this.text, now);
		}

	}

}
