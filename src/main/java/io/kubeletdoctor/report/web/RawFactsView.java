package io.kubeletdoctor.report.web;

/** For a step no other view knows: no words, the page shows its raw facts only. */
final class RawFactsView implements StepFactsView {

	@Override
	public void describe(StepFacts facts, StepLines lines, ReportFormatter fmt) {
	}

}
