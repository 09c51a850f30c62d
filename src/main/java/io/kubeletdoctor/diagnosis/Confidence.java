package io.kubeletdoctor.diagnosis;

/** How sure a finding is, derived from which checks actually ran and agreed. */
public enum Confidence {

	HIGH, MEDIUM, LOW

}
