package io.kubeletdoctor.report.web;

import java.util.List;
import java.util.Map;

import io.kubeletdoctor.report.StepOutcome;

/**
 * Chooses, by step id, the {@link StepFactsView} that turns a step's facts into words. A step no
 * view knows (cluster-sweep among them) keeps only its raw facts.
 */
final class StepViews {

	private static final Map<String, StepFactsView> VIEWS = Map.of(
			"node-status", new NodeStatusFactsView(),
			"node-events", new NodeEventsFactsView(),
			"kubelet-certificates", new KubeletCertificatesFactsView(),
			"kubelet-logs", new KubeletLogsFactsView(),
			"certificate-requests", new CertificateRequestsFactsView(),
			"certificate-authority", new CertificateAuthorityFactsView(),
			"rbac", new RbacFactsView());

	private static final StepFactsView RAW_FACTS = new RawFactsView();

	private StepViews() {
	}

	static List<StepView> of(List<StepOutcome> steps, ReportFormatter fmt) {
		return steps.stream().map((step) -> of(step, fmt)).toList();
	}

	static StepView of(StepOutcome step, ReportFormatter fmt) {
		StepLines lines = new StepLines();
		VIEWS.getOrDefault(step.id(), RAW_FACTS).describe(new StepFacts(step.facts()), lines, fmt);
		return lines.toView(step);
	}

}
