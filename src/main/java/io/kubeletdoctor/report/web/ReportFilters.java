package io.kubeletdoctor.report.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.kubeletdoctor.report.ReportStatus;
import org.jspecify.annotations.Nullable;

/**
 * Normalises the filter parameters shared by the JSON list and the HTML list: blank means "any", and
 * codes are accepted in any letter case since people type them into URLs.
 */
final class ReportFilters {

	private ReportFilters() {
	}

	static @Nullable String text(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return value.trim();
	}

	static @Nullable String rootCause(@Nullable String value) {
		String code = text(value);
		return (code != null) ? code.toUpperCase(Locale.ROOT) : null;
	}

	/** @throws InvalidReportParameterException naming {@code status} when the value is no status */
	static @Nullable ReportStatus status(@Nullable String value) {
		String status = text(value);
		if (status == null) {
			return null;
		}
		try {
			return ReportStatus.valueOf(status.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidReportParameterException("status",
					"Parameter 'status' must be one of " + allowedStatuses() + ".");
		}
	}

	static String allowedStatuses() {
		return Arrays.stream(ReportStatus.values()).map(Enum::name).collect(Collectors.joining(", "));
	}

}
