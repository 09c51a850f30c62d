package io.kubeletdoctor.diagnosis;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The node's CSRs, plus the number of approved-but-never-issued CSRs cluster-wide: those are never
 * garbage-collected, so their presence says no signer runs. {@code clusterIssued} names the issuer of
 * every kubelet certificate issued through a CSR cluster-wide that is still listed (issued CSRs are
 * deleted after an hour): which CA each kubelet signer uses now.
 */
public record CertificateRequestFacts(List<CsrRecord> requests, int clusterApprovedNotIssued,
		List<IssuedBy> clusterIssued) {

	public CertificateRequestFacts(List<CsrRecord> requests, int clusterApprovedNotIssued) {
		this(requests, clusterApprovedNotIssued, List.of());
	}

	/** The issuers of recent certificates of {@code signer}, cluster-wide. */
	public List<IssuedBy> issuedBy(String signer) {
		return this.clusterIssued.stream().filter((issued) -> issued.signerName().equals(signer)).toList();
	}

	public List<CsrRecord> serving(CsrCondition condition) {
		return this.requests.stream().filter((r) -> r.servingRequest() && r.condition() == condition).toList();
	}

	public List<CsrRecord> client(CsrCondition condition) {
		return this.requests.stream().filter((r) -> r.clientRequest() && r.condition() == condition).toList();
	}

	public List<CsrRecord> withCondition(CsrCondition condition) {
		return this.requests.stream().filter((r) -> r.condition() == condition).toList();
	}

	/** A certificate a signer issued through a CSR: the signer and the issuer's name and key id. */
	public record IssuedBy(String signerName, String csr, String issuer, @Nullable String authorityKeyId) {
	}

}
