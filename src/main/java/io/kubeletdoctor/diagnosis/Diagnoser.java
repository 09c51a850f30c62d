package io.kubeletdoctor.diagnosis;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Runs every {@link DiagnosisRule} bean over the evidence and ranks what they name: by code order
 * (a cause that explains the others first), then by confidence. Fallback rules speak only when no
 * other rule did.
 */
@Component
public class Diagnoser {

	private static final Comparator<Finding> RANKING = Comparator.comparing(Finding::code)
		.thenComparing(Finding::confidence);

	private final List<DiagnosisRule> rules;

	public Diagnoser(List<DiagnosisRule> rules) {
		this.rules = List.copyOf(rules);
	}

	public Diagnosis diagnose(Evidence evidence) {
		List<Finding> findings = evaluate(evidence, false);
		if (findings.isEmpty()) {
			findings = evaluate(evidence, true);
		}
		if (findings.isEmpty()) {
			throw new IllegalStateException("No fallback rule named a cause for node " + evidence.node());
		}
		return new Diagnosis(findings.get(0), findings.subList(1, findings.size()));
	}

	private List<Finding> evaluate(Evidence evidence, boolean fallback) {
		return this.rules.stream()
			.filter((rule) -> rule.fallback() == fallback)
			.map((rule) -> rule.evaluate(evidence))
			.flatMap(Optional::stream)
			.sorted(RANKING)
			.toList();
	}

}
