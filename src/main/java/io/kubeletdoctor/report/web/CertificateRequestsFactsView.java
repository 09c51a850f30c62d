package io.kubeletdoctor.report.web;

import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.diagnosis.stepfacts.CertificateRequestsStepFacts;
import org.jspecify.annotations.Nullable;

/** certificate-requests: the node's CSRs by condition, stuck approvals and the requests themselves. */
final class CertificateRequestsFactsView {

	private CertificateRequestsFactsView() {
	}

	static void describe(CertificateRequestsStepFacts facts, StepLines lines) {
		lines.listingTitle("Requests");
		List<String> counts = new ArrayList<>();
		count(counts, facts.pending(), "pending");
		count(counts, facts.approved(), "approved");
		count(counts, facts.issued(), "issued");
		count(counts, facts.denied(), "denied");
		count(counts, facts.failed(), "failed");
		lines.detail("CSRs for the node",
				facts.total() + (counts.isEmpty() ? "" : " (" + String.join(", ", counts) + ")"), null);
		if (facts.clusterApprovedNotIssued() > 0) {
			lines.detail("Approved but never issued, cluster-wide", String.valueOf(facts.clusterApprovedNotIssued()),
					"bad");
		}
		facts.requests().forEach((line) -> lines.item(null, null, line, true));
		listed(facts.undecodable()).forEach((line) -> lines.item("undecodable", "bad", line, true));
		listed(facts.signatureInvalid()).forEach((line) -> lines.item("bad signature", "bad", line, true));
	}

	private static void count(List<String> counts, int count, String condition) {
		if (count > 0) {
			counts.add(count + " " + condition);
		}
	}

	private static List<String> listed(@Nullable List<String> lines) {
		return (lines != null) ? lines : List.of();
	}

}
