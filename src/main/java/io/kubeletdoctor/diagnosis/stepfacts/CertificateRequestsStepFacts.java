package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * certificate-requests: the node's CSRs by condition, those whose requester is not the identity
 * they name, the approved CSRs never issued cluster-wide, and the requests themselves.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateRequestsStepFacts(int total, int pending, int approved, int issued, int denied, int failed,
		@Nullable List<String> requesterMismatch, int clusterApprovedNotIssued, List<String> requests,
		@Nullable List<String> undecodable, @Nullable List<String> signatureInvalid) implements StepFacts {
}
