package io.kubeletdoctor.report.web;

import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.report.StepOutcome;
import org.jspecify.annotations.Nullable;

/** The details and listing lines a facts view writes for one step, in page order. */
final class StepLines {

	private final List<StepView.Detail> details = new ArrayList<>();

	private final List<StepView.Item> items = new ArrayList<>();

	private @Nullable String listingTitle;

	/** Names the listing; the page shows the title only over a listing that has lines. */
	void listingTitle(String title) {
		this.listingTitle = title;
	}

	void detail(String label, String value, @Nullable String tone) {
		this.details.add(new StepView.Detail(label, value, tone));
	}

	/** A plain detail, left out when there is no value. */
	void detailIfPresent(String label, @Nullable String value) {
		if (value != null) {
			detail(label, value, null);
		}
	}

	void item(@Nullable String tag, @Nullable String tone, String text, boolean code) {
		this.items.add(new StepView.Item(tag, tone, text, code));
	}

	StepView toView(StepOutcome step) {
		return new StepView(step, this.details, this.items.isEmpty() ? null : this.listingTitle, this.items,
				FactTable.of(step.facts()));
	}

}
