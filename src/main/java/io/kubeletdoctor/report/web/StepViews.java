package io.kubeletdoctor.report.web;

import java.util.List;

import io.kubeletdoctor.diagnosis.stepfacts.CertificateAuthorityStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.CertificateRequestsStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.KubeletCertificatesStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.KubeletLogsStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.NodeEventsStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.NodeStatusStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.RbacStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import io.kubeletdoctor.report.StepOutcome;

/**
 * Chooses, by the record a step's facts are, the view that turns them into words. Facts no view
 * knows (the cluster sweep's, those of a step that gathered nothing) are shown as the raw table only.
 */
final class StepViews {

	private StepViews() {
	}

	static List<StepView> of(List<StepOutcome> steps, ReportFormatter fmt) {
		return steps.stream().map((step) -> of(step, fmt)).toList();
	}

	static StepView of(StepOutcome step, ReportFormatter fmt) {
		StepLines lines = new StepLines();
		describe(step.facts(), lines, fmt);
		return lines.toView(step);
	}

	private static void describe(StepFacts facts, StepLines lines, ReportFormatter fmt) {
		if (facts instanceof NodeStatusStepFacts node) {
			NodeStatusFactsView.describe(node, lines);
		}
		else if (facts instanceof NodeEventsStepFacts events) {
			NodeEventsFactsView.describe(events, lines);
		}
		else if (facts instanceof KubeletCertificatesStepFacts certificates) {
			KubeletCertificatesFactsView.describe(certificates, lines, fmt);
		}
		else if (facts instanceof KubeletLogsStepFacts logs) {
			KubeletLogsFactsView.describe(logs, lines);
		}
		else if (facts instanceof CertificateRequestsStepFacts requests) {
			CertificateRequestsFactsView.describe(requests, lines);
		}
		else if (facts instanceof CertificateAuthorityStepFacts authority) {
			CertificateAuthorityFactsView.describe(authority, lines);
		}
		else if (facts instanceof RbacStepFacts rbac) {
			RbacFactsView.describe(rbac, lines);
		}
	}

}
