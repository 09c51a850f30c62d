package io.kubeletdoctor.report.web;

import java.util.ArrayList;
import java.util.List;

/** certificate-requests: the node's CSRs by condition, stuck approvals and the requests themselves. */
final class CertificateRequestsFactsView implements StepFactsView {

	private static final List<String> CONDITIONS = List.of("pending", "approved", "issued", "denied", "failed");

	@Override
	public void describe(StepFacts facts, StepLines lines, ReportFormatter fmt) {
		lines.listingTitle("Requests");
		Long total = facts.number("total");
		if (total != null) {
			List<String> counts = new ArrayList<>();
			for (String condition : CONDITIONS) {
				Long count = facts.number(condition);
				if (count != null && count > 0) {
					counts.add(count + " " + condition);
				}
			}
			lines.detail("CSRs for the node", total + (counts.isEmpty() ? "" : " (" + String.join(", ", counts) + ")"),
					null);
		}
		Long stuck = facts.number("clusterApprovedNotIssued");
		if (stuck != null && stuck > 0) {
			lines.detail("Approved but never issued, cluster-wide", String.valueOf(stuck), "bad");
		}
		facts.strings("requests").forEach((line) -> lines.item(null, null, line, true));
		facts.strings("undecodable").forEach((line) -> lines.item("undecodable", "bad", line, true));
		facts.strings("signatureInvalid").forEach((line) -> lines.item("bad signature", "bad", line, true));
	}

}
