package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** node-status: the Ready condition, heartbeat and Lease ages, kubelet version, endpoint and taints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeStatusStepFacts(boolean found, @Nullable String readyStatus, @Nullable String readyReason,
		@Nullable String readyMessage, @Nullable Long heartbeatAgeSeconds, @Nullable Long leaseAgeSeconds,
		@Nullable Integer leaseDurationSeconds, @Nullable Boolean leaseStale, @Nullable String leaseError,
		@Nullable String kubeletVersion, @Nullable List<String> taints, @Nullable String address,
		@Nullable Integer kubeletPort) implements StepFacts {

	public static NodeStatusStepFacts notFound() {
		return new NodeStatusStepFacts(false, null, null, null, null, null, null, null, null, null, null, null, null);
	}

}
