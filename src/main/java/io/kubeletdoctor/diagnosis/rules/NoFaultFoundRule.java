package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateInfo;
import org.springframework.stereotype.Component;

/**
 * Fallback: the key steps gathered their evidence and all of it is healthy, so the alert is stale or
 * already healed. Trouble the present state shows to be history (see {@link History}) is named with
 * when it ended. Every step that could not be checked lowers the confidence.
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
		List<String> unchecked = Confidences.unchecked(evidence, Steps.ALL.toArray(String[]::new));
		lines.addAll(unchecked);
		List<Remediation> remediation = new ArrayList<>();
		remediation.add(new Remediation("Confirm the node is healthy and let the alert resolve (an expiry alert on"
				+ " the client certificate also clears by itself when it actually expires, which is not the case"
				+ " here)", List.of("kubectl get node " + Commands.quote(node) + " -o wide")));
		evidence.notChecked().keySet().forEach((step) -> remediation.addAll(ManualChecks.forStep(step, evidence)));
		return Optional.of(new Finding(RootCauseCode.NO_FAULT_FOUND, "No fault found", confidence(unchecked.size()),
				"Every check of " + node + " that ran passed" + (unchecked.isEmpty() ? "" : " (" + unchecked.size()
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

	private static Confidence confidence(int unchecked) {
		if (unchecked == 0) {
			return Confidence.HIGH;
		}
		return (unchecked <= 2) ? Confidence.MEDIUM : Confidence.LOW;
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
