package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * kubelet-logs: how many certificate lines were read and classified since when, the signals as
 * {@code <SIGNAL> x<count>}, the newest classified lines as {@code <SIGNAL>: <line>}, and how the
 * kubelet was read (straight to its port or through the node proxy, and why).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KubeletLogsStepFacts(String sinceTime, int linesRead, int linesClassified, List<String> signals,
		List<String> newestLines, @Nullable String kubeletAccess) implements StepFacts {

	public KubeletLogsStepFacts(String sinceTime, int linesRead, int linesClassified, List<String> signals,
			List<String> newestLines) {
		this(sinceTime, linesRead, linesClassified, signals, newestLines, null);
	}

}
