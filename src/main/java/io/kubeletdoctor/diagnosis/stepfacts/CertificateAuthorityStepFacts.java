package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * certificate-authority: the CA bundle, whether it signed the serving certificate, and the
 * kube-controller-manager Lease (the controller that signs kubelet CSRs).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateAuthorityStepFacts(int bundleSize, boolean rotationBundle, List<String> cas,
		Answer servingChainsToBundle, @Nullable Long controllerManagerLeaseAgeSeconds,
		@Nullable String controllerManagerLease, @Nullable Integer clusterApprovedNotIssued) implements StepFacts {
}
