package io.kubeletdoctor.step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.pki.CertificateInfo;
import org.jspecify.annotations.Nullable;

/**
 * The cluster's CSRs decoded once per drain and indexed by the node they belong to: the requester
 * {@code system:node:<node>}, or a request for CN {@code system:node:<node>} whoever sent it (a
 * bootstrap token sends the first one). Times are kept as instants so each node measures ages from
 * its own moment of diagnosis.
 */
public final class CsrIndex {

	static final String NODE_PREFIX = "system:node:";

	private final Map<String, List<Entry>> byNode;

	private final List<Instant> approvedNotIssuedSince;

	private final List<CertificateRequestFacts.IssuedBy> issued;

	private CsrIndex(Map<String, List<Entry>> byNode, List<Instant> approvedNotIssuedSince,
			List<CertificateRequestFacts.IssuedBy> issued) {
		this.byNode = byNode;
		this.approvedNotIssuedSince = approvedNotIssuedSince;
		this.issued = issued;
	}

	public static CsrIndex of(List<CertificateSigningRequest> requests) {
		Map<String, List<Entry>> byNode = new LinkedHashMap<>();
		List<Instant> approvedNotIssued = new ArrayList<>();
		List<CertificateRequestFacts.IssuedBy> issued = new ArrayList<>();
		for (CertificateSigningRequest csr : requests) {
			Entry entry = Entry.of(csr);
			if (entry.issued() != null) {
				issued.add(new CertificateRequestFacts.IssuedBy(entry.signerName(), entry.name(),
						entry.issued().issuer(), entry.issued().authorityKeyId()));
			}
			if (entry.condition() == CsrCondition.APPROVED && entry.decidedAt() != null) {
				approvedNotIssued.add(entry.decidedAt());
			}
			Set<String> nodes = new LinkedHashSet<>();
			addNode(nodes, entry.username());
			addNode(nodes, (entry.request() != null) ? entry.request().commonName() : null);
			nodes.forEach((node) -> byNode.computeIfAbsent(node, (n) -> new ArrayList<>()).add(entry));
		}
		byNode.values().forEach((entries) -> entries.sort(Entry.NEWEST_FIRST));
		return new CsrIndex(byNode, approvedNotIssued, List.copyOf(issued));
	}

	private static void addNode(Set<String> nodes, @Nullable String identity) {
		if (identity != null && identity.startsWith(NODE_PREFIX) && identity.length() > NODE_PREFIX.length()) {
			nodes.add(identity.substring(NODE_PREFIX.length()));
		}
	}

	/** The node's CSRs, newest first. */
	public List<Entry> forNode(String node) {
		return this.byNode.getOrDefault(node, List.of());
	}

	/** The issuer of every certificate issued through a CSR still listed, cluster-wide. */
	List<CertificateRequestFacts.IssuedBy> issued() {
		return this.issued;
	}

	/** Approved CSRs of every signer still without a certificate {@code grace} after approval. */
	public int approvedNotIssued(Instant now, Duration grace) {
		return (int) this.approvedNotIssuedSince.stream()
			.filter((since) -> Duration.between(since, now).compareTo(grace) > 0)
			.count();
	}

	/**
	 * One decoded CSR. {@code decidedAt} is when the deciding condition was last updated (approval
	 * for APPROVED), falling back to creation; {@code request} is null when it could not be decoded.
	 */
	public record Entry(String name, String signerName, @Nullable String username, CsrCondition condition,
			@Nullable Instant created, @Nullable Instant decidedAt, @Nullable String reason, @Nullable String message,
			List<String> usages, CsrDecoder.@Nullable DecodedRequest request, @Nullable String decodeError,
			@Nullable CertificateInfo issued) {

		static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing(Entry::created,
				Comparator.nullsLast(Comparator.reverseOrder()));

		static Entry of(CertificateSigningRequest csr) {
			CertificateSigningRequestSpec spec = (csr.getSpec() != null) ? csr.getSpec()
					: new CertificateSigningRequestSpec();
			CertificateSigningRequestStatus status = (csr.getStatus() != null) ? csr.getStatus()
					: new CertificateSigningRequestStatus();
			String name = (csr.getMetadata() != null) ? csr.getMetadata().getName() : "?";
			Instant created = (csr.getMetadata() != null) ? Timestamps.parse(csr.getMetadata().getCreationTimestamp())
					: null;
			CertificateSigningRequestCondition deciding = decidingCondition(status);
			CsrCondition condition = condition(status, deciding);
			Instant decidedAt = null;
			if (deciding != null) {
				decidedAt = Timestamps.parse(deciding.getLastUpdateTime());
				if (decidedAt == null) {
					decidedAt = Timestamps.parse(deciding.getLastTransitionTime());
				}
			}
			CsrDecoder.DecodedRequest request = null;
			String problem = null;
			if (spec.getRequest() != null && !spec.getRequest().isBlank()) {
				try {
					request = CsrDecoder.decodeRequest(spec.getRequest());
				}
				catch (IllegalArgumentException ex) {
					problem = ex.getMessage();
				}
			}
			else {
				problem = "spec.request is empty";
			}
			CertificateInfo issued = null;
			if (condition == CsrCondition.ISSUED) {
				try {
					issued = CsrDecoder.issuedCertificate(status.getCertificate());
				}
				catch (IllegalArgumentException ex) {
					problem = (problem != null) ? problem + "; " + ex.getMessage() : ex.getMessage();
				}
			}
			return new Entry(name, (spec.getSignerName() != null) ? spec.getSignerName() : "",
					spec.getUsername(), condition, created, (decidedAt != null) ? decidedAt : created,
					(deciding != null) ? deciding.getReason() : null, (deciding != null) ? deciding.getMessage() : null,
					(spec.getUsages() != null) ? List.copyOf(spec.getUsages()) : List.of(), request, problem, issued);
		}

		/** Denied and Failed end a CSR whatever else it carries; otherwise Approved is the one that counts. */
		private static @Nullable CertificateSigningRequestCondition decidingCondition(
				CertificateSigningRequestStatus status) {
			List<CertificateSigningRequestCondition> conditions = (status.getConditions() != null)
					? status.getConditions() : List.of();
			for (String type : List.of("Denied", "Failed", "Approved")) {
				for (CertificateSigningRequestCondition condition : conditions) {
					if (type.equals(condition.getType()) && !"False".equals(condition.getStatus())) {
						return condition;
					}
				}
			}
			return null;
		}

		private static CsrCondition condition(CertificateSigningRequestStatus status,
				@Nullable CertificateSigningRequestCondition deciding) {
			String type = (deciding != null) ? deciding.getType() : null;
			if ("Denied".equals(type)) {
				return CsrCondition.DENIED;
			}
			if ("Failed".equals(type)) {
				return CsrCondition.FAILED;
			}
			// there is no Issued condition: a certificate in the status is what issued means
			if (status.getCertificate() != null && !status.getCertificate().isBlank()) {
				return CsrCondition.ISSUED;
			}
			return ("Approved".equals(type)) ? CsrCondition.APPROVED : CsrCondition.PENDING;
		}

		public Duration age(Instant now) {
			return (this.created != null) ? Duration.between(this.created, now) : Duration.ZERO;
		}

		public Duration sinceDecision(Instant now) {
			return (this.decidedAt != null) ? Duration.between(this.decidedAt, now) : Duration.ZERO;
		}

		CsrRecord toRecord(Instant now) {
			return new CsrRecord(this.name, this.signerName, this.username, this.condition, age(now),
					(this.request != null) ? this.request.commonName() : null,
					(this.request != null) ? this.request.organizations() : List.of(),
					(this.request != null) ? this.request.sans() : List.of(), this.usages,
					(this.issued != null) ? this.issued.notAfter() : null, this.reason, this.message,
					(this.request != null) ? this.request.proofOfPossession() : null);
		}

	}

}
