package io.kubeletdoctor.report.web;

import java.util.List;
import java.util.Map;

import io.kubeletdoctor.report.StepOutcome;
import org.jspecify.annotations.Nullable;

/**
 * A playbook step as the report page shows it: the facts that matter in words ({@code details}), a
 * listing such as events, log lines or permission checks, and the step itself, whose raw facts
 * ({@code allFacts}, by their JSON names) stay one click away.
 */
record StepView(StepOutcome step, List<Detail> details, @Nullable String listingTitle, List<Item> listing,
		Map<String, Object> allFacts) {

	/** A labelled fact; {@code tone} ({@code ok}, {@code warn}, {@code bad}) colours it when it is a verdict. */
	record Detail(String label, String value, @Nullable String tone) {
	}

	/** One listed line with an optional tag (event reason, log signal, allowed or denied). */
	record Item(@Nullable String tag, @Nullable String tone, String text, boolean code) {
	}

}
