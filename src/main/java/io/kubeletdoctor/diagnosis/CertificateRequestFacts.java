package io.kubeletdoctor.diagnosis;

import java.util.List;

/**
 * The node's CSRs, plus the number of approved-but-never-issued CSRs cluster-wide: those are never
 * garbage-collected, so their presence says no signer runs.
 */
public record CertificateRequestFacts(List<CsrRecord> requests, int clusterApprovedNotIssued) {

	public List<CsrRecord> serving(CsrCondition condition) {
		return this.requests.stream().filter((r) -> r.servingRequest() && r.condition() == condition).toList();
	}

	public List<CsrRecord> client(CsrCondition condition) {
		return this.requests.stream().filter((r) -> r.clientRequest() && r.condition() == condition).toList();
	}

	public List<CsrRecord> withCondition(CsrCondition condition) {
		return this.requests.stream().filter((r) -> r.condition() == condition).toList();
	}

}
