package io.kubeletdoctor.step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.ObservedCertificate;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.CertificateRequestsStepFacts;
import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.playbook.DiagnosisStep;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Step 5: the node's CertificateSigningRequests, captured now because Kubernetes deletes them within
 * hours. The CSR list is one cluster-wide read shared by every node of a drain. A stuck CSR is the
 * most direct evidence of a rotation failure: pending means nobody approves, approved without a
 * certificate means no signer runs.
 */
@Component
class CertificateRequestsStep implements DiagnosisStep {

	static final String SHARED_KEY = "certificate-signing-requests";

	/** The kubelet gives up on a CSR after 15 minutes and files a new one. */
	static final Duration PENDING_LIMIT = Duration.ofMinutes(15);

	/** A running signer issues within seconds of approval. */
	static final Duration ISSUE_LIMIT = Duration.ofMinutes(5);

	private static final int MAX_LISTED = 20;

	@Override
	public StepId id() {
		return StepId.CERTIFICATE_REQUESTS;
	}

	@Override
	public String title() {
		return "Certificate signing requests";
	}

	@Override
	public StepResult run(StepContext context) {
		CsrIndex index = context.shared(SHARED_KEY, () -> CsrIndex.of(context.reader().certificateSigningRequests()));
		Instant now = context.evidence().now();
		List<CsrIndex.Entry> entries = index.forNode(context.nodeName());
		List<CsrRecord> records = entries.stream().map((entry) -> entry.toRecord(now)).toList();
		int clusterApprovedNotIssued = index.approvedNotIssued(now, ISSUE_LIMIT);
		context.evidence().put(new CertificateRequestFacts(records, clusterApprovedNotIssued, index.issued()));
		addNewestIssued(context, entries, CsrRecord.KUBELET_CLIENT_SIGNER, CertificateRole.CLIENT);
		addNewestIssued(context, entries, CsrRecord.KUBELET_SERVING_SIGNER, CertificateRole.SERVING);

		Map<CsrCondition, Integer> counts = new EnumMap<>(CsrCondition.class);
		entries.forEach((entry) -> counts.merge(entry.condition(), 1, Integer::sum));
		List<String> problems = problems(entries, now);
		boolean youngPending = entries.stream()
			.anyMatch((e) -> e.condition() == CsrCondition.PENDING && e.age(now).compareTo(PENDING_LIMIT) <= 0);
		List<String> mismatched = requesterMismatches(entries);
		StepStatus status = !problems.isEmpty() ? StepStatus.CRITICAL
				: (youngPending || !mismatched.isEmpty()) ? StepStatus.WARNING : StepStatus.OK;

		CertificateRequestsStepFacts facts = new CertificateRequestsStepFacts(entries.size(),
				counts.getOrDefault(CsrCondition.PENDING, 0), counts.getOrDefault(CsrCondition.APPROVED, 0),
				counts.getOrDefault(CsrCondition.ISSUED, 0), counts.getOrDefault(CsrCondition.DENIED, 0),
				counts.getOrDefault(CsrCondition.FAILED, 0), listOrNull(mismatched), clusterApprovedNotIssued,
				entries.stream().limit(MAX_LISTED).map((e) -> describe(e, now)).toList(),
				listOrNull(entries.stream()
					.filter((e) -> e.decodeError() != null)
					.map((e) -> e.name() + ": " + e.decodeError())
					.toList()),
				listOrNull(entries.stream()
					.filter((e) -> e.request() != null && !e.request().proofOfPossession())
					.map(CsrIndex.Entry::name)
					.toList()));
		return StepResult.of(status, summary(entries, counts, problems, clusterApprovedNotIssued), facts);
	}

	private static void addNewestIssued(StepContext context, List<CsrIndex.Entry> newestFirst, String signer,
			CertificateRole role) {
		newestFirst.stream()
			.filter((e) -> signer.equals(e.signerName()) && e.issued() != null)
			.findFirst()
			.ifPresent((e) -> context.evidence()
				.addCertificate(new ObservedCertificate(role, e.issued(), "CSR " + e.name())));
	}

	/**
	 * CSRs whose requester is not the identity their CN names: a node asking for another node's
	 * name (NodeRestriction refuses it, the selfnodeclient approver ignores it), or a serving CSR
	 * not sent by the node itself (only the kubelet requests its serving certificate; verify before
	 * approving). Client CSRs from a bootstrap token legitimately differ and are not listed.
	 */
	static List<String> requesterMismatches(List<CsrIndex.Entry> entries) {
		List<String> mismatches = new ArrayList<>();
		for (CsrIndex.Entry entry : entries) {
			String requester = entry.username();
			String commonName = (entry.request() != null) ? entry.request().commonName() : null;
			if (requester == null || commonName == null || requester.equals(commonName)) {
				continue;
			}
			boolean nodeAsOtherNode = requester.startsWith("system:node:");
			boolean servingNotFromNode = CsrRecord.KUBELET_SERVING_SIGNER.equals(entry.signerName());
			if (nodeAsOtherNode || servingNotFromNode) {
				mismatches.add(entry.name() + ": requested by " + requester + " for CN " + commonName);
			}
		}
		return mismatches;
	}

	private static List<String> problems(List<CsrIndex.Entry> entries, Instant now) {
		List<String> problems = new ArrayList<>();
		for (CsrIndex.Entry entry : entries) {
			String signer = shortSigner(entry.signerName());
			switch (entry.condition()) {
				case PENDING:
					if (entry.age(now).compareTo(PENDING_LIMIT) > 0) {
						problems.add(entry.name() + " (" + signer + ") pending for " + TimeSpan.of(entry.age(now)));
					}
					break;
				case APPROVED:
					if (entry.sinceDecision(now).compareTo(ISSUE_LIMIT) > 0) {
						problems.add(entry.name() + " (" + signer + ") approved " + TimeSpan.ago(entry.sinceDecision(now))
								+ " but not issued");
					}
					break;
				case DENIED:
				case FAILED:
					problems.add(entry.name() + " (" + signer + ") " + entry.condition().name().toLowerCase(Locale.ROOT)
							+ ((entry.reason() != null) ? ": " + entry.reason() : "")
							+ ((entry.message() != null) ? " - " + entry.message() : ""));
					break;
				default:
					break;
			}
		}
		return problems;
	}

	private static String summary(List<CsrIndex.Entry> entries, Map<CsrCondition, Integer> counts,
			List<String> problems, int clusterApprovedNotIssued) {
		String cluster = (clusterApprovedNotIssued > 0)
				? "; " + clusterApprovedNotIssued + " approved CSRs cluster-wide were never issued" : "";
		if (entries.isEmpty()) {
			return "No CSRs for the node (issued ones are deleted after an hour)" + cluster;
		}
		List<String> parts = new ArrayList<>();
		counts.forEach((condition, count) -> parts.add(count + " " + condition.name().toLowerCase(Locale.ROOT)));
		String head = entries.size() + (entries.size() == 1 ? " CSR: " : " CSRs: ") + String.join(", ", parts);
		if (!problems.isEmpty()) {
			head += "; " + problems.get(0) + ((problems.size() > 1) ? " (+" + (problems.size() - 1) + " more)" : "");
		}
		return head + cluster;
	}

	private static String describe(CsrIndex.Entry entry, Instant now) {
		StringBuilder text = new StringBuilder(entry.name()).append(' ')
			.append(shortSigner(entry.signerName()))
			.append(' ')
			.append(entry.condition())
			.append(' ')
			.append(TimeSpan.of(entry.age(now)))
			.append(" old, by ")
			.append(entry.username());
		if (entry.request() != null) {
			text.append(", CN=").append(entry.request().commonName());
			if (!entry.request().organizations().isEmpty()) {
				text.append(" O=").append(String.join("+", entry.request().organizations()));
			}
			if (!entry.request().sans().isEmpty()) {
				text.append(", SANs ").append(entry.request().sans());
			}
			text.append(", key ").append(entry.request().key());
		}
		if (!entry.usages().isEmpty()) {
			text.append(", usages ").append(entry.usages());
		}
		if (entry.issued() != null) {
			text.append(", issued until ").append(entry.issued().notAfter());
		}
		return text.toString();
	}

	private static String shortSigner(String signer) {
		return signer.startsWith("kubernetes.io/") ? signer.substring("kubernetes.io/".length()) : signer;
	}

	private static @Nullable List<String> listOrNull(List<String> values) {
		return values.isEmpty() ? null : values;
	}

}
