package io.kubeletdoctor.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Evidence;

/**
 * The confidence policy shared by every rule: two or more independent checks that agree give HIGH,
 * one decisive check MEDIUM, an inference LOW; one level less when a step that could have
 * contradicted the finding could not be checked.
 */
final class Confidences {

	private Confidences() {
	}

	static Confidence ofAgreeingChecks(int checks) {
		if (checks >= 2) {
			return Confidence.HIGH;
		}
		return (checks == 1) ? Confidence.MEDIUM : Confidence.LOW;
	}

	static Confidence lower(Confidence confidence) {
		return (confidence == Confidence.HIGH) ? Confidence.MEDIUM : Confidence.LOW;
	}

	/** {@code confidence}, lowered once if any of {@code steps} ended UNAVAILABLE or ERROR. */
	static Confidence unlessUnchecked(Confidence confidence, Evidence evidence, String... steps) {
		return unchecked(evidence, steps).isEmpty() ? confidence : lower(confidence);
	}

	/** One evidence line per step among {@code steps} that could not be checked, with the reason. */
	static List<String> unchecked(Evidence evidence, String... steps) {
		List<String> lines = new ArrayList<>();
		Map<String, String> notChecked = evidence.notChecked();
		for (String step : steps) {
			if (notChecked.containsKey(step)) {
				lines.add("Not checked (" + step + "): " + notChecked.get(step));
			}
		}
		return lines;
	}

}
