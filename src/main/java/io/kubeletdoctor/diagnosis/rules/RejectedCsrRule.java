package io.kubeletdoctor.diagnosis.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;

/**
 * A CSR of the node ended Denied or Failed and the kubelet got no certificate from that signer since.
 * The CSR condition is the fault observed; the kubelet's own log line about it agrees.
 */
abstract class RejectedCsrRule implements DiagnosisRule {

	private final RootCauseCode code;

	private final CsrCondition condition;

	private final LogSignal signal;

	RejectedCsrRule(RootCauseCode code, CsrCondition condition, LogSignal signal) {
		this.code = code;
		this.condition = condition;
		this.signal = signal;
	}

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		List<CsrRecord> rejected = NodeCsrs.unanswered(evidence, NodeCsrs.of(evidence, this.condition));
		if (rejected.isEmpty()) {
			return Optional.empty();
		}
		List<String> lines = new ArrayList<>(rejected.stream().limit(5).map(EvidenceText::csr).toList());
		List<KubeletLogFacts.Line> logs = History.presentLogs(evidence)
			.map((facts) -> facts.of(this.signal))
			.orElse(List.of());
		lines.addAll(EvidenceText.logs(logs, 2));
		CsrRecord newest = NodeCsrs.newest(rejected);
		// The CSR's condition is the fault; only a certificate obtained since (which the served chain or the
		// TTL gauge would show) makes it history.
		Grounds grounds = Grounds.observed("CSR " + newest.name() + " " + this.condition.name().toLowerCase(Locale.ROOT))
			.excludingBy(evidence, Steps.KUBELET_CERTIFICATES, "a certificate obtained since, that the CSR list no"
					+ " longer shows", true);
		lines.addAll(grounds.lines());
		String summary = "CSR " + newest.name() + " of " + evidence.node() + " (" + newest.signerName() + ") was "
				+ outcome(newest) + " " + EvidenceText.ago(newest.age()) + ", so the kubelet got no certificate from"
				+ " it. " + CurrentCertificates.impact(evidence, rejected) + " The kubelet retries with a new CSR,"
				+ " which meets the same fate until the cause is fixed.";
		return Optional.of(new Finding(this.code, title(), grounds.confidence(),
				summary, lines, "A later CSR of " + evidence.node() + " for " + newest.signerName()
						+ " being Approved and Issued.",
				remediation(newest, evidence.node())));
	}

	private String outcome(CsrRecord csr) {
		String verb = (this.condition == CsrCondition.DENIED) ? "denied" : "rejected by its signer";
		if (csr.reason() == null && csr.message() == null) {
			return verb;
		}
		return verb + " (" + ((csr.reason() != null) ? csr.reason() : "no reason")
				+ ((csr.message() != null) ? ": \"" + csr.message() + "\"" : "") + ")";
	}

	abstract String title();

	abstract List<Remediation> remediation(CsrRecord csr, String node);

	static String conditions(String csr) {
		return "kubectl get csr " + Commands.quote(csr)
				+ " -o jsonpath='{range .status.conditions[*]}{.type} {.reason} {.message}{\"\\n\"}{end}'";
	}

	static String decodeRequest(String csr) {
		return "kubectl get csr " + Commands.quote(csr)
				+ " -o jsonpath='{.spec.request}' | base64 -d | openssl req -noout -text";
	}

}
