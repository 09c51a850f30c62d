package io.kubeletdoctor.diagnosis;

import java.util.Optional;

/**
 * Reads the evidence the steps gathered and names one root cause when it applies. Rules are pure
 * functions of the evidence: they never call the cluster, so each can be tested from a table.
 */
public interface DiagnosisRule {

	Optional<Finding> evaluate(Evidence evidence);

	/**
	 * Fallback rules ({@code NO_FAULT_FOUND}, {@code UNDETERMINED}) are consulted only when no other
	 * rule named a cause.
	 */
	default boolean fallback() {
		return false;
	}

}
