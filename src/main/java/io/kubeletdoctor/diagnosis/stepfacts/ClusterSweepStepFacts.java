package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * cluster-sweep: how many nodes were checked and which were found unhealthy, by why; a failing
 * kubelet port is listed as {@code <node>: <problem>}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSweepStepFacts(@Nullable String leasesError, int nodesChecked, List<String> nodesNotReady,
		List<String> nodesWithStaleLease, List<String> nodesWithKubeletPortFailing, int kubeletPortsChecked)
		implements StepFacts {
}
