package io.kubeletdoctor.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.springframework.stereotype.Component;

/**
 * Fallback when "no fault" cannot be claimed: lists what could not be checked or stayed unexplained,
 * and the manual checks to do next. Always LOW: it names no cause.
 */
@Component
class UndeterminedRule implements DiagnosisRule {

	@Override
	public boolean fallback() {
		return true;
	}

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		Coverage coverage = Coverage.of(evidence);
		if (coverage.complete()) {
			return Optional.empty();
		}
		List<String> lines = new ArrayList<>(coverage.gaps());
		evidence.notChecked().forEach((step, reason) -> {
			String line = step + " could not be checked: " + reason;
			if (!lines.contains(line)) {
				lines.add(line);
			}
		});
		List<Remediation> remediation = new ArrayList<>();
		coverage.stepsToCheck(evidence).forEach((step) -> remediation.addAll(ManualChecks.forStep(step, evidence)));
		String node = evidence.node();
		List<String> gaps = coverage.gaps();
		String why = (gaps.size() == 1) ? gaps.get(0) : gaps.get(0) + "; and " + (gaps.size() - 1) + " more (see evidence)";
		Grounds grounds = Grounds.inferred("nothing: the evidence names no cause");
		return Optional.of(new Finding(RootCauseCode.UNDETERMINED, "Root cause undetermined", grounds.confidence(),
				"The evidence on " + node + " does not name a cause, and it is not enough to call the node healthy: "
						+ why + ". Run the manual checks below.",
				lines, "Not a claim about the node; the manual checks below settle it.", remediation));
	}

}
