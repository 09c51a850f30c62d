package io.kubeletdoctor.diagnosis;

/** How sure a finding is: what would have to be true for it to be wrong, as {@link Grounds} decides. */
public enum Confidence {

	HIGH, MEDIUM, LOW

}
