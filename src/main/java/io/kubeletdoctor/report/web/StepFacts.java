package io.kubeletdoctor.report.web;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.TimeSpan;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of one step's facts as the steps store them (numbers, strings, string lists), and
 * the wording of the ages and durations they hold in seconds. Ages are as of the diagnosis.
 */
final class StepFacts {

	private final Map<String, Object> facts;

	StepFacts(Map<String, Object> facts) {
		this.facts = facts;
	}

	@Nullable Object get(String key) {
		return this.facts.get(key);
	}

	boolean isTrue(String key) {
		return Boolean.TRUE.equals(this.facts.get(key));
	}

	/** The value as text, or null when it is missing or blank. */
	@Nullable String text(String key) {
		Object value = this.facts.get(key);
		if (value == null) {
			return null;
		}
		String text = String.valueOf(value);
		return text.isBlank() ? null : text;
	}

	@Nullable Long number(String key) {
		return (this.facts.get(key) instanceof Number number) ? number.longValue() : null;
	}

	List<String> strings(String key) {
		if (this.facts.get(key) instanceof Collection<?> collection) {
			return collection.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	static String ago(long seconds) {
		return TimeSpan.ago(Duration.ofSeconds(Math.max(0, seconds)));
	}

	static String span(long seconds) {
		return TimeSpan.of(Duration.ofSeconds(seconds));
	}

}
