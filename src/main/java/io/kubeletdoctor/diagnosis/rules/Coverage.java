package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.KubeletConfigFacts;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.pki.CertificateInfo;

/**
 * Decides between the two fallbacks, so exactly one of them speaks: "no fault" may be claimed only
 * when the key steps gathered their evidence and nothing they saw is left unexplained. A step that
 * was CRITICAL only for trouble the present state shows to be over ({@link History}) leaves no gap.
 * Every gap found here is one reason for UNDETERMINED instead.
 */
final class Coverage {

	/** Without these the node's heartbeat, certificates and CSRs are unknown. */
	static final List<String> KEY_STEPS = List.of(Steps.NODE_STATUS, Steps.KUBELET_CERTIFICATES,
			Steps.CERTIFICATE_REQUESTS);

	/** The kubernetes-mixin warning threshold; renewal normally happens long before (70 to 90 % of lifetime). */
	static final Duration EXPIRY_WARNING = Duration.ofDays(7);

	private final List<String> gaps = new ArrayList<>();

	private final Set<String> stepsToCheck = new LinkedHashSet<>();

	private Coverage() {
	}

	static Coverage of(Evidence evidence) {
		Coverage coverage = new Coverage();
		Map<String, StepStatus> statuses = evidence.stepStatuses();
		for (String step : KEY_STEPS) {
			if (!evidence.gathered(step)) {
				String reason = evidence.notChecked()
					.getOrDefault(step, (statuses.get(step) != null) ? "not run (" + statuses.get(step) + ")" : "not run");
				coverage.gap(step + " could not be checked: " + reason, step);
			}
		}
		History history = History.of(evidence);
		statuses.forEach((step, status) -> {
			if (status == StepStatus.CRITICAL && !history.explains(step)) {
				coverage.gap(step + " reported CRITICAL, but no known root cause matched what it saw", step);
			}
		});
		evidence.get(NodeFacts.class).ifPresent(coverage::readNode);
		evidence.get(KubeletEndpointFacts.class).ifPresent((endpoint) -> coverage.readEndpoint(endpoint, evidence));
		evidence.get(KubeletEndpointFacts.class).ifPresent((endpoint) -> coverage.readKubeletSettings(endpoint, evidence));
		evidence.get(KubeletMetricsFacts.class).ifPresent(coverage::readClientTtl);
		coverage.readPendingCsrs(evidence);
		History.presentLogs(evidence).ifPresent(coverage::readTlsErrors);
		return coverage;
	}

	private void readNode(NodeFacts node) {
		if (node.found() && (!node.ready() || HeartbeatText.lost(node))) {
			gap("The node is not healthy (" + HeartbeatText.describe(node) + ") and no known cause matched",
					Steps.NODE_STATUS, Steps.KUBELET_LOGS);
		}
	}

	private void readEndpoint(KubeletEndpointFacts endpoint, Evidence evidence) {
		CertificateInfo leaf = endpoint.servingCertificate();
		if (endpoint.reachability() != Reachability.TLS_OK || leaf == null) {
			gap("Kubelet port " + endpoint.endpoint() + ": " + endpoint.reachability() + " from this service",
					Steps.KUBELET_CERTIFICATES);
		}
		else if (expiresSoon(leaf.notAfter(), evidence.now())) {
			gap(EvidenceText.certificate("Serving certificate", leaf, evidence.now())
					+ ": renewal should have happened long before, and no cause was found",
					Steps.KUBELET_LOGS, Steps.CERTIFICATE_REQUESTS);
		}
	}

	/**
	 * A kubelet that answered the handshake but was not read (e.g. a serving certificate that does
	 * not verify, to which no token is sent) may have rotation off: nothing healthy can be claimed.
	 */
	private void readKubeletSettings(KubeletEndpointFacts endpoint, Evidence evidence) {
		if (endpoint.reachability() == Reachability.TLS_OK && evidence.get(KubeletConfigFacts.class).isEmpty()
				&& evidence.get(KubeletMetricsFacts.class).isEmpty()) {
			gap("The kubelet on " + endpoint.endpoint() + " answered the handshake, but its rotation settings"
					+ " (/configz) and certificate metrics (/metrics) were not read", Steps.KUBELET_CERTIFICATES);
		}
	}

	private void readClientTtl(KubeletMetricsFacts metrics) {
		Double ttl = metrics.clientTtlSeconds();
		if (ttl != null && !ttl.isInfinite() && ttl < EXPIRY_WARNING.getSeconds()) {
			gap("The client certificate expires in " + EvidenceText.span(Duration.ofSeconds(ttl.longValue()))
					+ " (TTL metric): renewal should have happened long before, and no cause was found",
					Steps.KUBELET_LOGS, Steps.CERTIFICATE_REQUESTS, Steps.RBAC);
		}
	}

	/** Pending CSRs no rule claimed, such as a bootstrap-token request, still mean the kubelet waits. */
	private void readPendingCsrs(Evidence evidence) {
		List<CsrRecord> stuck = NodeCsrs.stuckPending(evidence, (csr) -> true);
		if (!stuck.isEmpty()) {
			gap(stuck.size() + " CSR(s) of the node Pending for over " + EvidenceText.span(NodeCsrs.STUCK_AFTER) + " ("
					+ EvidenceText.csr(NodeCsrs.oldest(stuck)) + ") and no known cause matched",
					Steps.CERTIFICATE_REQUESTS, Steps.RBAC);
		}
	}

	/**
	 * The kubelet's x509 and 401 errors are left to rules that need more than the line: the line alone
	 * does not say which TLS peer failed, yet it rules out calling the node healthy.
	 */
	private void readTlsErrors(KubeletLogFacts logs) {
		List<KubeletLogFacts.Line> errors = logs.lines()
			.stream()
			.filter((line) -> line.signal() == LogSignal.UNKNOWN_AUTHORITY
					|| line.signal() == LogSignal.CSR_CREATE_UNAUTHORIZED)
			.toList();
		if (!errors.isEmpty()) {
			gap("The kubelet logged " + errors.size() + " TLS or authentication error(s) no known cause explains: "
					+ EvidenceText.log(errors.get(0)), Steps.KUBELET_LOGS, Steps.CERTIFICATE_AUTHORITY);
		}
	}

	private void gap(String line, String... steps) {
		this.gaps.add(line);
		this.stepsToCheck.addAll(List.of(steps));
	}

	/** True when NO_FAULT_FOUND may be claimed. */
	boolean complete() {
		return this.gaps.isEmpty();
	}

	List<String> gaps() {
		return List.copyOf(this.gaps);
	}

	/** The steps to redo by hand: the gaps first, then every other step that could not gather. */
	List<String> stepsToCheck(Evidence evidence) {
		Set<String> steps = new LinkedHashSet<>(this.stepsToCheck);
		steps.addAll(evidence.notChecked().keySet());
		return List.copyOf(steps);
	}

	static boolean expiresSoon(Instant notAfter, Instant now) {
		return notAfter.isBefore(now.plus(EXPIRY_WARNING));
	}

}
