package io.kubeletdoctor.report.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.kubeletdoctor.report.Report;
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

	/** @throws InvalidReportParameterException naming {@code alertStatus} when the value is neither FIRING nor RESOLVED */
	static Report.@Nullable AlertStatus alertStatus(@Nullable String value) {
		String status = text(value);
		if (status == null) {
			return null;
		}
		try {
			return Report.AlertStatus.valueOf(status.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidReportParameterException("alertStatus", "Parameter 'alertStatus' must be one of "
					+ Arrays.stream(Report.AlertStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
					+ ".");
		}
	}

	/** A 1-based page number; anything else is the first page, since it only ever comes from our own links. */
	static int page(@Nullable String value) {
		String page = text(value);
		if (page == null) {
			return 1;
		}
		try {
			return Math.max(1, Math.min(Integer.parseInt(page), 10_000));
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

	static String allowedStatuses() {
		return Arrays.stream(ReportStatus.values()).map(Enum::name).collect(Collectors.joining(", "));
	}

}
