package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every step a report can hold, with the id playbooks and reports name it by and the record its
 * facts are. The seven playbook steps, and the sweep a cluster-scope report runs instead.
 */
public enum StepId {

	NODE_STATUS("node-status", NodeStatusStepFacts.class),

	NODE_EVENTS("node-events", NodeEventsStepFacts.class),

	KUBELET_CERTIFICATES("kubelet-certificates", KubeletCertificatesStepFacts.class),

	KUBELET_LOGS("kubelet-logs", KubeletLogsStepFacts.class),

	CERTIFICATE_REQUESTS("certificate-requests", CertificateRequestsStepFacts.class),

	CERTIFICATE_AUTHORITY("certificate-authority", CertificateAuthorityStepFacts.class),

	RBAC("rbac", RbacStepFacts.class),

	CLUSTER_SWEEP("cluster-sweep", ClusterSweepStepFacts.class);

	private final String id;

	private final Class<? extends StepFacts> factsType;

	StepId(String id, Class<? extends StepFacts> factsType) {
		this.id = id;
		this.factsType = factsType;
	}

	/** The id as playbooks and the report JSON write it, e.g. {@code node-status}. */
	public String id() {
		return this.id;
	}

	public Class<? extends StepFacts> factsType() {
		return this.factsType;
	}

	public static Optional<StepId> of(String id) {
		return Arrays.stream(values()).filter((step) -> step.id.equals(id)).findFirst();
	}

	@Override
	public String toString() {
		return this.id;
	}

}
