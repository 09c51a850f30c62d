package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * kubelet-logs: how many certificate lines were read and classified since when, the signals as
 * {@code <SIGNAL> x<count>}, and the newest classified lines as {@code <SIGNAL>: <line>}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KubeletLogsStepFacts(String sinceTime, int linesRead, int linesClassified, List<String> signals,
		List<String> newestLines) implements StepFacts {
}
