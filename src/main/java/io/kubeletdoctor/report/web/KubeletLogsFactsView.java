package io.kubeletdoctor.report.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeletdoctor.diagnosis.stepfacts.KubeletLogsStepFacts;

/** kubelet-logs: how many certificate lines were read and classified, the signals, the newest lines. */
final class KubeletLogsFactsView {

	/** "CSR_DENIED: text", as the logs step writes its newest lines. */
	private static final Pattern LOG_LINE = Pattern.compile("^([A-Z_]+): (.*)$", Pattern.DOTALL);

	private KubeletLogsFactsView() {
	}

	static void describe(KubeletLogsStepFacts facts, StepLines lines) {
		lines.listingTitle("Newest classified log lines");
		lines.detail("Lines", facts.linesRead() + " certificate lines read since " + facts.sinceTime() + ", "
				+ facts.linesClassified() + " classified", null);
		if (facts.kubeletAccess() != null) {
			lines.detail("Read", facts.kubeletAccess(), null);
		}
		if (!facts.signals().isEmpty()) {
			lines.detail("Signals", String.join(", ", facts.signals()), "warn");
		}
		for (String line : facts.newestLines()) {
			Matcher matcher = LOG_LINE.matcher(line);
			if (matcher.matches()) {
				lines.item(matcher.group(1), "warn", matcher.group(2), true);
			}
			else {
				lines.item(null, null, line, true);
			}
		}
	}

}
