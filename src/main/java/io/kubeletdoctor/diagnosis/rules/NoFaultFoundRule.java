package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Fallback: the key steps gathered their evidence and all of it is healthy, so the alert is stale or
 * already healed. Trouble the present state shows to be history (see {@link History}) is named with
 * when it ended. Every step that could not be checked leaves an alternative open.
 */
@Component
class NoFaultFoundRule implements DiagnosisRule {

	@Override
	public boolean fallback() {
		return true;
	}

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		if (!Coverage.of(evidence).complete()) {
			return Optional.empty();
		}
		String node = evidence.node();
		List<String> healthy = new ArrayList<>();
		evidence.get(NodeFacts.class).ifPresent((facts) -> healthy.add(HeartbeatText.describe(facts)));
		CertificateInfo leaf = evidence.get(KubeletEndpointFacts.class)
			.map(KubeletEndpointFacts::servingCertificate)
			.orElse(null);
		if (leaf != null) {
			healthy.add(EvidenceText.certificate("Serving certificate", leaf, evidence.now()));
		}
		healthy.add(clientLine(evidence));
		healthy.add("No Pending, stuck, denied or failed CSR explains an alert");
		List<String> ended = History.of(evidence).ended();
		List<String> lines = new ArrayList<>(healthy);
		lines.addAll(ended);
		Grounds grounds = grounds(evidence, leaf);
		lines.addAll(grounds.lines());
		int unchecked = evidence.notChecked().size();
		List<Remediation> remediation = new ArrayList<>();
		remediation.add(new Remediation("Confirm the node is healthy and let the alert resolve (an expiry alert on"
				+ " the client certificate also clears by itself when it actually expires, which is not the case"
				+ " here)", List.of("kubectl get node " + Commands.quote(node) + " -o wide")));
		evidence.notChecked().keySet().forEach((step) -> remediation.addAll(ManualChecks.forStep(step, evidence)));
		return Optional.of(new Finding(RootCauseCode.NO_FAULT_FOUND, "No fault found", grounds.confidence(),
				"Every check of " + node + " that ran passed" + ((unchecked == 0) ? "" : " (" + unchecked
						+ " could not run)") + ": the alert is likely stale or already healed."
						+ (ended.isEmpty() ? "" : " " + pastTrouble(ended)),
				lines,
				"The alert firing again after this report, or a certificate on the node (openssl x509 -enddate)"
						+ " expiring sooner than the ones seen here.",
				remediation));
	}

	/** The trouble that ended, as the evidence lines word it, so the summary says what healed and when. */
	private static String pastTrouble(List<String> ended) {
		List<String> sentences = ended.stream().map((line) -> line.replaceFirst("^Past trouble", "past trouble")).toList();
		return "It healed from " + String.join("; and from ", sentences) + ".";
	}

	/**
	 * The healthy state is observed; each step that could not run leaves open a fault only it would
	 * show. A CA-signed serving certificate from a CA outside kube-root-ca.crt is healthy only if the
	 * kubelet-serving signer uses that CA, which a serving certificate issued in the last hour shows.
	 */
	private static Grounds grounds(Evidence evidence, @Nullable CertificateInfo leaf) {
		Grounds grounds = Grounds.observed("the certificates in use valid and the node reporting");
		evidence.notChecked().keySet()
			.forEach((step) -> grounds.excludingBy(evidence, step, "a fault only " + step + " would show", true));
		boolean outsideBundle = leaf != null && !leaf.selfSigned() && evidence.get(KubeletEndpointFacts.class)
			.map((endpoint) -> !endpoint.selfGenerated())
			.orElse(false)
				&& evidence.get(CertificateAuthorityFacts.class)
					.map((authority) -> authority.servingChainsToBundle() == null && !authority.bundle().isEmpty())
					.orElse(false);
		if (outsideBundle) {
			boolean signerIssuesIt = SignerCa.issuedLike(evidence, CsrRecord.KUBELET_SERVING_SIGNER, leaf).orElse(false);
			grounds.excluding("a serving certificate from a CA other than the cluster's kubelet-serving signer ("
					+ leaf.issuer() + " is not in kube-root-ca.crt)", signerIssuesIt, SignerCa.NO_RECENT_ISSUE);
			if (signerIssuesIt) {
				grounds.excluded("CSRs issued in the last hour (" + SignerCa.shownBy(evidence,
						CsrRecord.KUBELET_SERVING_SIGNER) + ") carry the same issuer: the signer uses that CA");
			}
		}
		return grounds;
	}

	private static String clientLine(Evidence evidence) {
		Double ttl = evidence.get(KubeletMetricsFacts.class).map(KubeletMetricsFacts::clientTtlSeconds).orElse(null);
		if (ttl == null) {
			return "Client certificate TTL not exported (client rotation off, or the metric not available)";
		}
		return "Client certificate expires in " + EvidenceText.span(Duration.ofSeconds(ttl.longValue()))
				+ " (kubelet_certificate_manager_client_ttl_seconds)";
	}

}
