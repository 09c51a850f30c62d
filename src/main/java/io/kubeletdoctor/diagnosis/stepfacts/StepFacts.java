package io.kubeletdoctor.diagnosis.stepfacts;

/**
 * What one step shows in the report. A step that gathered nothing (UNAVAILABLE, SKIPPED, ERROR)
 * shows {@link #NONE}.
 */
public sealed interface StepFacts permits NodeStatusStepFacts, NodeEventsStepFacts, KubeletCertificatesStepFacts,
		KubeletLogsStepFacts, CertificateRequestsStepFacts, CertificateAuthorityStepFacts, RbacStepFacts,
		ClusterSweepStepFacts, UntypedStepFacts {

	StepFacts NONE = UntypedStepFacts.EMPTY;

}
