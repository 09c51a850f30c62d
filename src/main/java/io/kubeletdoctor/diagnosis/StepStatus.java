package io.kubeletdoctor.diagnosis;

/**
 * Outcome of one evidence-gathering step. {@code UNAVAILABLE}: the evidence could not be gathered
 * for a reason outside the service; {@code ERROR}: the service itself failed in the step.
 */
public enum StepStatus {

	OK, WARNING, CRITICAL, UNAVAILABLE, ERROR, SKIPPED;

	/** True when the step gathered its evidence, whatever it found. */
	public boolean gathered() {
		return this == OK || this == WARNING || this == CRITICAL;
	}

}
