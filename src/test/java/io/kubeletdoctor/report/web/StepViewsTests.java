package io.kubeletdoctor.report.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.report.StepOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The facts below are shaped the way the steps in io.kubeletdoctor.step write them. */
class StepViewsTests {

	private final ReportFormatter fmt = new ReportFormatter(ReportFixtures.NOW);

	@Test
	void nodeStatusReadsAsConditionHeartbeatAndLease() {
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("found", true);
		facts.put("readyStatus", "Unknown");
		facts.put("readyReason", "NodeStatusUnknown");
		facts.put("readyMessage", "Kubelet stopped posting node status.");
		facts.put("heartbeatAgeSeconds", 7200);
		facts.put("leaseAgeSeconds", 7200);
		facts.put("leaseDurationSeconds", 40);
		facts.put("leaseStale", true);
		facts.put("address", "10.0.0.11");
		facts.put("kubeletPort", 10250);
		StepView view = view("node-status", facts);
		assertThat(view.details()).extracting(StepView.Detail::label, StepView.Detail::value, StepView.Detail::tone)
			.contains(tuple("Ready condition", "Unknown (NodeStatusUnknown): Kubelet stopped posting node status.", "bad"),
					tuple("Last heartbeat", "2 hours ago", null),
					tuple("Node Lease",
							"renewed 2 hours ago (lease duration 40 seconds): stale, the kubelet is not reaching the API server",
							"bad"),
					tuple("Kubelet endpoint", "10.0.0.11:10250", null));
	}

	@Test
	void missingNodeSaysSo() {
		assertThat(view("node-status", Map.of("found", false)).details())
			.containsExactly(new StepView.Detail("Node", "not found in the cluster", "bad"));
	}

	@Test
	void eventsAreTaggedWithTheirReason() {
		StepView view = view("node-events", Map.of("eventCount", 3, "relevantCount", 2, "highlights",
				List.of("5 minutes ago NodeNotReady (x2) [node-controller]: Node is not ready",
						"2 hours ago Starting [kubelet]: Starting kubelet.")));
		assertThat(view.listingTitle()).isEqualTo("Relevant events, newest first");
		assertThat(view.listing()).extracting(StepView.Item::tag, StepView.Item::tone, StepView.Item::text)
			.containsExactly(tuple("NodeNotReady", "bad", "5 minutes ago (x2) [node-controller]: Node is not ready"),
					tuple("Starting", null, "2 hours ago [kubelet]: Starting kubelet."));
	}

	@Test
	void logLinesKeepTheirSignalAndStayCode() {
		StepView view = view("kubelet-logs", Map.of("linesRead", 4, "linesClassified", 1, "newestLines",
				List.of("CSR_DENIED: E0601 certificate_manager.go:562] \"csr denied\"")));
		assertThat(view.listing()).containsExactly(
				new StepView.Item("CSR_DENIED", "warn", "E0601 certificate_manager.go:562] \"csr denied\"", true));
	}

	@Test
	void rbacChecksReadAsAllowedOrDenied() {
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("user", "system:node:node-1");
		facts.put("createCsr", true);
		facts.put("selfNodeClient", false);
		facts.put("selfNodeClientReason", "no binding");
		facts.put("nodeClient", false);
		facts.put("evaluatedStatically", false);
		facts.put("kubeadmBindingsMissing", List.of("kubeadm:node-autoapprove-certificate-rotation"));
		StepView view = view("rbac", facts);
		assertThat(view.listing()).extracting(StepView.Item::tag, StepView.Item::text)
			.containsExactly(tuple("allowed", "create certificatesigningrequests"),
					tuple("denied", "create certificatesigningrequests/selfnodeclient (renewal auto-approval): no binding"),
					tuple("denied", "create certificatesigningrequests/nodeclient (bootstrap auto-approval)"));
		assertThat(view.details()).extracting(StepView.Detail::label)
			.contains("Evaluated by", "kubeadm bindings missing");
	}

	@Test
	void infiniteClientTtlMeansNoClientCertificate() {
		StepView view = view("kubelet-certificates", Map.of("endpoint", "10.0.0.11:10250", "reachability",
				"HANDSHAKE_FAILED", "clientTtlSeconds", "+Inf", "rotateCertificates", false));
		assertThat(view.details()).extracting(StepView.Detail::label, StepView.Detail::value)
			.contains(tuple("TLS handshake", "10.0.0.11:10250: handshake failed"),
					tuple("Client certificate TTL (metrics)", "+Inf: no valid client certificate"),
					tuple("rotateCertificates", "off"));
	}

	@Test
	void unknownStepKeepsOnlyItsRawFacts() {
		StepView view = view("custom-step", Map.of("anything", 1));
		assertThat(view.details()).isEmpty();
		assertThat(view.listingTitle()).isNull();
		assertThat(view.step().facts()).containsEntry("anything", 1);
	}

	private StepView view(String id, Map<String, Object> facts) {
		return StepViews.of(new StepOutcome(id, id, StepStatus.OK, "summary", facts, 1, null), this.fmt);
	}

}
