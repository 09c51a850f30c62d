package io.kubeletdoctor.report.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** kubelet-logs: how many certificate lines were read and classified, the signals, the newest lines. */
final class KubeletLogsFactsView implements StepFactsView {

	/** "CSR_DENIED: text", as the logs step writes its newest lines. */
	private static final Pattern LOG_LINE = Pattern.compile("^([A-Z_]+): (.*)$", Pattern.DOTALL);

	@Override
	public void describe(StepFacts facts, StepLines lines, ReportFormatter fmt) {
		lines.listingTitle("Newest classified log lines");
		Long read = facts.number("linesRead");
		Long classified = facts.number("linesClassified");
		String since = facts.text("sinceTime");
		if (read != null) {
			lines.detail("Lines", read + " certificate lines read" + ((since != null) ? " since " + since : "") + ", "
					+ ((classified != null) ? classified : 0) + " classified", null);
		}
		List<String> signals = facts.strings("signals");
		if (!signals.isEmpty()) {
			lines.detail("Signals", String.join(", ", signals), "warn");
		}
		for (String line : facts.strings("newestLines")) {
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
