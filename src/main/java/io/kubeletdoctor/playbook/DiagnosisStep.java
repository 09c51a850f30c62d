package io.kubeletdoctor.playbook;

import io.kubeletdoctor.diagnosis.stepfacts.StepId;

/**
 * One evidence-gathering step of a playbook (node status, kubelet certificates, CSRs, ...). Steps
 * are beans; the engine finds them by {@link #id()}, so this package never depends on the steps.
 * A step writes typed facts into {@link StepContext#evidence()} and returns what the report shows.
 */
public interface DiagnosisStep {

	/** The id playbooks and the report name the step by. */
	StepId id();

	String title();

	/**
	 * Gathers the evidence. A {@link io.kubeletdoctor.cluster.ClusterAccessException} thrown from
	 * here makes the step UNAVAILABLE with its message; any other exception makes it ERROR. Neither
	 * stops the other steps.
	 */
	StepResult run(StepContext context) throws Exception;

}
