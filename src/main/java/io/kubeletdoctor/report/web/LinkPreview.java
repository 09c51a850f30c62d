package io.kubeletdoctor.report.web;

import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportCertificate;
import io.kubeletdoctor.report.ReportStatus;

/**
 * What chat tools show when the permalink is pasted (the page title, its description and Open
 * Graph tags): the verdict in one line, so the unfurl alone tells on-call what broke where.
 * {@code url} is the permalink, absolute when {@code kubelet-doctor.public-url} is set.
 */
record LinkPreview(String title, String description, String url) {

	private static final int MAX_DESCRIPTION = 300;

	static LinkPreview of(Report report, ReportFormatter fmt) {
		String subject = (report.node() != null) ? report.node() : "cluster-wide";
		StringBuilder description = new StringBuilder();
		String verdict;
		if (report.rootCause() != null) {
			verdict = report.rootCause().title();
			description.append(report.rootCause().confidence())
				.append(" confidence (")
				.append(report.rootCause().code())
				.append(") on ")
				.append(subject)
				.append(" in cluster ")
				.append(report.cluster())
				.append('.');
			ReportCertificate nearest = fmt.nearestExpiry(report.certificates(), report.rootCause());
			if (nearest != null) {
				description.append(" The ")
					.append(fmt.certificate(nearest.role()))
					.append(' ')
					.append(fmt.expiry(nearest.notAfter()))
					.append('.');
			}
			description.append(' ').append(report.rootCause().summary());
		}
		else {
			verdict = (report.status() == ReportStatus.FAILED) ? "diagnosis failed"
					: (report.status() == ReportStatus.COMPLETED) ? "no root cause named" : "diagnosis in progress";
			description.append("kubelet-doctor report for ")
				.append(subject)
				.append(" in cluster ")
				.append(report.cluster())
				.append(": ")
				.append(verdict)
				.append('.');
		}
		String confidence = (report.rootCause() != null) ? " (" + report.rootCause().confidence() + ")" : "";
		return new LinkPreview(subject + ": " + verdict + confidence + " · kubelet-doctor",
				shorten(description.toString()), report.links().html());
	}

	private static String shorten(String text) {
		return (text.length() <= MAX_DESCRIPTION) ? text : text.substring(0, MAX_DESCRIPTION - 1) + "…";
	}

}
