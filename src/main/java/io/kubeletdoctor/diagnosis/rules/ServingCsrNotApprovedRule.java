package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * kubelet-serving CSRs of the node stay Pending: nothing approves them (no upstream controller ever
 * does). Fires even while the current serving certificate is valid, because the kubelet only asks
 * when it needs a new one (rotation window reached, or its addresses changed); stays silent when the
 * served certificate is newer than the pending CSRs, which are then leftovers.
 */
@Component
class ServingCsrNotApprovedRule implements DiagnosisRule {

	/** The kubelet waits this long for a CSR, then files another. */
	private static final Duration KUBELET_WAITS = Duration.ofMinutes(15);

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		List<CsrRecord> pending = NodeCsrs.stuckPending(evidence, CsrRecord::servingRequest);
		if (pending.isEmpty()) {
			return Optional.empty();
		}
		List<String> lines = new ArrayList<>(EvidenceText.csrs(pending, "pending kubelet-serving"));
		boolean noneServed = false;
		KubeletEndpointFacts endpoint = evidence.get(KubeletEndpointFacts.class).orElse(null);
		CertificateInfo leaf = (endpoint != null) ? endpoint.servingCertificate() : null;
		if (endpoint != null && endpoint.reachability() == Reachability.HANDSHAKE_FAILED) {
			noneServed = true;
			lines.add("TLS handshake with " + endpoint.endpoint() + " failed (" + endpoint.error()
					+ "): the kubelet has no serving certificate to offer");
		}
		else if (leaf != null) {
			lines.add(EvidenceText.certificate("Still served on " + endpoint.endpoint(), leaf, evidence.now()));
		}
		if (evidence.get(KubeletMetricsFacts.class).map(KubeletMetricsFacts::noValidServingCertificate).orElse(false)) {
			noneServed = true;
			lines.add("kubelet_certificate_manager_server_ttl_seconds is +Inf: no valid serving certificate loaded");
		}
		List<KubeletLogFacts.Line> logs = servingLogs(evidence);
		lines.addAll(EvidenceText.logs(logs, 2));
		// The CSR's conditions are the fault. A serving certificate obtained since (the handshake shows it) and
		// an approver that is just slow (ruled out once the kubelet gave up after 15 minutes) are the alternatives.
		boolean givenUp = NodeCsrs.oldest(pending).age().compareTo(KUBELET_WAITS) > 0 || !logs.isEmpty();
		Grounds grounds = Grounds.observed("kubelet-serving CSRs left Pending")
			.excludingBy(evidence, Steps.KUBELET_CERTIFICATES, "a serving certificate obtained since", true)
			.excluding("an approver that is merely slow", givenUp, "the oldest is younger than the 15 minutes the"
					+ " kubelet waits");
		lines.addAll(grounds.lines());
		String node = evidence.node();
		CsrRecord newest = NodeCsrs.newest(pending);
		return Optional.of(new Finding(RootCauseCode.SERVING_CSR_NOT_APPROVED, "Kubelet serving CSRs not approved",
				grounds.confidence(),
				summary(evidence, pending, leaf, noneServed), lines,
				"The kubelet of " + node + " serving a CA-signed certificate issued after " + newest.name()
						+ " was created, or " + newest.name() + " turning Approved and Issued.",
				List.of(Commands.verifyThenApprove(newest.name(), node), Commands.installServingApprover())));
	}

	private static List<KubeletLogFacts.Line> servingLogs(Evidence evidence) {
		KubeletLogFacts logs = History.presentLogs(evidence).orElse(null);
		if (logs == null) {
			return List.of();
		}
		List<KubeletLogFacts.Line> lines = new ArrayList<>(logs.of(LogSignal.NO_SERVING_CERTIFICATE));
		logs.of(LogSignal.CSR_NOT_SIGNED_TIMEOUT)
			.stream()
			.filter((line) -> line.text().contains(CsrRecord.KUBELET_SERVING_SIGNER))
			.forEach(lines::add);
		return lines;
	}

	private String summary(Evidence evidence, List<CsrRecord> pending, @Nullable CertificateInfo leaf,
			boolean noneServed) {
		String impact;
		if (noneServed) {
			impact = "The kubelet has no serving certificate now: logs, exec, port-forward and metrics scrapes of"
					+ " the node fail until one is approved.";
		}
		else if (leaf != null) {
			impact = "The certificate it serves " + EvidenceText.expiry(leaf.notAfter(), evidence.now())
					+ "; once it lapses the kubelet serves none.";
		}
		else {
			impact = "Its current serving certificate could not be checked.";
		}
		return pending.size() + " kubelet-serving CSR(s) of " + evidence.node() + " are Pending, the oldest for "
				+ EvidenceText.span(NodeCsrs.oldest(pending).age()) + "; nothing approves them (upstream never"
				+ " auto-approves serving CSRs) and the kubelet files a new one about every 15 minutes. " + impact;
	}

}
