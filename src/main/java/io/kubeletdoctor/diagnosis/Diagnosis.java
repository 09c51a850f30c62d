package io.kubeletdoctor.diagnosis;

import java.util.List;

/** The ranked outcome: one root cause and the other causes that also apply. */
public record Diagnosis(Finding rootCause, List<Finding> otherCauses) {
}
