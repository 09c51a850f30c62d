package io.kubeletdoctor.report.web;

/**
 * Turns the facts one playbook step stores into words for the report page. One implementation per
 * step id; {@link StepViews} picks it.
 */
interface StepFactsView {

	void describe(StepFacts facts, StepLines lines, ReportFormatter fmt);

}
