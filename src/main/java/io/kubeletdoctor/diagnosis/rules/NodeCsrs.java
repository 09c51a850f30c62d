package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.pki.CertificateInfo;

/**
 * Questions about the node's CSRs. The key one: is the kubelet still waiting on a CSR, or did it get
 * a certificate from the same signer afterwards, leaving the CSR behind? Approved-not-issued CSRs
 * are never garbage-collected and Pending ones live 24 hours, so leftovers are common.
 */
final class NodeCsrs {

	/** Approval and signing take seconds when they work; the kubelet itself gives up after 15 minutes. */
	static final Duration STUCK_AFTER = Duration.ofMinutes(5);

	/** The signer backdates NotBefore by five minutes. */
	private static final Duration SIGNER_BACKDATE = Duration.ofMinutes(5);

	private NodeCsrs() {
	}

	static List<CsrRecord> of(Evidence evidence, CsrCondition condition) {
		return evidence.get(CertificateRequestFacts.class)
			.map((facts) -> facts.withCondition(condition))
			.orElse(List.of());
	}

	static CsrRecord newest(List<CsrRecord> csrs) {
		return csrs.stream().min(Comparator.comparing(CsrRecord::age)).orElseThrow();
	}

	static CsrRecord oldest(List<CsrRecord> csrs) {
		return csrs.stream().max(Comparator.comparing(CsrRecord::age)).orElseThrow();
	}

	static List<CsrRecord> olderThan(List<CsrRecord> csrs, Duration age) {
		return csrs.stream().filter((csr) -> csr.age().compareTo(age) >= 0).toList();
	}

	/**
	 * The node's Pending CSRs among {@code which} that something should have approved by now: older
	 * than {@link #STUCK_AFTER} and not superseded by a later certificate from the same signer.
	 */
	static List<CsrRecord> stuckPending(Evidence evidence, Predicate<CsrRecord> which) {
		List<CsrRecord> pending = of(evidence, CsrCondition.PENDING).stream().filter(which).toList();
		return olderThan(unanswered(evidence, pending), STUCK_AFTER);
	}

	/**
	 * The CSRs not followed by a certificate from the same signer, nor shown by {@link History} to
	 * predate the certificate in use (whose own CSR may have been garbage-collected already).
	 */
	static List<CsrRecord> unanswered(Evidence evidence, List<CsrRecord> csrs) {
		History history = History.of(evidence);
		return csrs.stream().filter((csr) -> !history.past(csr)).filter((csr) -> {
			Instant created = evidence.now().minus(csr.age());
			return lastIssued(evidence, csr.signerName()).map((issued) -> !issued.isAfter(created)).orElse(true);
		}).toList();
	}

	/**
	 * When the kubelet last obtained a certificate from {@code signer}, as far as the evidence shows:
	 * an issued CSR's creation, or for serving certificates the served leaf's issuance.
	 */
	static Optional<Instant> lastIssued(Evidence evidence, String signer) {
		Instant now = evidence.now();
		Stream<Instant> issued = of(evidence, CsrCondition.ISSUED).stream()
			.filter((csr) -> csr.signerName().equals(signer))
			.map((csr) -> now.minus(csr.age()));
		Stream<Instant> served = Stream.empty();
		if (CsrRecord.KUBELET_SERVING_SIGNER.equals(signer)) {
			KubeletEndpointFacts endpoint = evidence.get(KubeletEndpointFacts.class).orElse(null);
			CertificateInfo leaf = (endpoint != null) ? endpoint.servingCertificate() : null;
			if (leaf != null && !endpoint.selfGenerated()) {
				served = Stream.of(leaf.notBefore().plus(SIGNER_BACKDATE));
			}
		}
		return Stream.concat(issued, served).max(Instant::compareTo);
	}

}
