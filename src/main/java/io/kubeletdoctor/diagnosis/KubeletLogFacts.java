package io.kubeletdoctor.diagnosis;

import java.util.List;

/** Certificate-related kubelet log lines, each classified. */
public record KubeletLogFacts(List<Line> lines) {

	public boolean has(LogSignal signal) {
		return this.lines.stream().anyMatch((line) -> line.signal() == signal);
	}

	public List<Line> of(LogSignal signal) {
		return this.lines.stream().filter((line) -> line.signal() == signal).toList();
	}

	public record Line(LogSignal signal, String text) {
	}

}
