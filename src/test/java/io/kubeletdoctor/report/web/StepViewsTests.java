package io.kubeletdoctor.report.web;

import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.Answer;
import io.kubeletdoctor.diagnosis.stepfacts.ClusterSweepStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.KubeletCertificatesStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.KubeletLogsStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.MetricValue;
import io.kubeletdoctor.diagnosis.stepfacts.NodeEventsStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.NodeStatusStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.RbacStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.RbacStepFacts.Check;
import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.diagnosis.stepfacts.UntypedStepFacts;
import io.kubeletdoctor.report.StepOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The page's words for each step's facts record. */
class StepViewsTests {

	private final ReportFormatter fmt = new ReportFormatter(ReportFixtures.NOW);

	@Test
	void nodeStatusReadsAsConditionHeartbeatAndLease() {
		StepView view = view(StepId.NODE_STATUS, new NodeStatusStepFacts(true, "Unknown", "NodeStatusUnknown",
				"Kubelet stopped posting node status.", 7200L, 7200L, 40, true, null, null, List.of(), "10.0.0.11",
				10250));
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
		assertThat(view(StepId.NODE_STATUS, NodeStatusStepFacts.notFound()).details())
			.containsExactly(new StepView.Detail("Node", "not found in the cluster", "bad"));
	}

	@Test
	void eventsAreTaggedWithTheirReason() {
		StepView view = view(StepId.NODE_EVENTS, new NodeEventsStepFacts(3, 2, 0, 300L, null,
				List.of("5 minutes ago NodeNotReady (x2) [node-controller]: Node is not ready",
						"2 hours ago Starting [kubelet]: Starting kubelet.")));
		assertThat(view.listingTitle()).isEqualTo("Relevant events, newest first");
		assertThat(view.listing()).extracting(StepView.Item::tag, StepView.Item::tone, StepView.Item::text)
			.containsExactly(tuple("NodeNotReady", "bad", "5 minutes ago (x2) [node-controller]: Node is not ready"),
					tuple("Starting", null, "2 hours ago [kubelet]: Starting kubelet."));
		assertThat(view.details()).contains(new StepView.Detail("Last NodeNotReady", "5 minutes ago", "warn"));
	}

	@Test
	void logLinesKeepTheirSignalAndStayCode() {
		StepView view = view(StepId.KUBELET_LOGS, new KubeletLogsStepFacts("2026-11-30T08:00:00Z", 4, 1,
				List.of("CSR_DENIED x1"), List.of("CSR_DENIED: E0601 certificate_manager.go:562] \"csr denied\"")));
		assertThat(view.listing()).containsExactly(
				new StepView.Item("CSR_DENIED", "warn", "E0601 certificate_manager.go:562] \"csr denied\"", true));
		assertThat(view.details()).contains(new StepView.Detail("Signals", "CSR_DENIED x1", "warn"));
	}

	@Test
	void rbacChecksReadAsAllowedDeniedOrUndecided() {
		RbacStepFacts facts = RbacStepFacts.of("system:node:node-1", List.of("system:nodes"),
				Check.of(Answer.undecided("undecided (Node authorizer)")),
				new Check(Answer.of(false), "no binding", null), Check.of(Answer.of(true)), true, List.of(),
				List.of("kubeadm:node-autoapprove-certificate-rotation"), null);
		StepView view = view(StepId.RBAC, facts);
		assertThat(view.listing()).extracting(StepView.Item::tag, StepView.Item::text)
			.containsExactly(tuple("undecided", "create certificatesigningrequests: undecided (Node authorizer)"),
					tuple("denied", "create certificatesigningrequests/selfnodeclient (renewal auto-approval): no binding"),
					tuple("allowed", "create certificatesigningrequests/nodeclient (bootstrap auto-approval)"));
		assertThat(view.details()).extracting(StepView.Detail::label, StepView.Detail::value)
			.contains(tuple("Asked for", "system:node:node-1 in system:nodes"),
					tuple("Evaluated by", "reading ClusterRoleBindings (SubjectAccessReview not allowed)"));
		assertThat(view.details()).extracting(StepView.Detail::label)
			.contains("kubeadm bindings missing")
			.doesNotContain("kubeadm bindings present", "kubeadm bindings");
	}

	@Test
	void infiniteClientTtlMeansNoClientCertificate() {
		StepView view = view(StepId.KUBELET_CERTIFICATES, KubeletCertificatesStepFacts.of("10.0.0.11:10250",
				"HANDSHAKE_FAILED", null, null, new KubeletCertificatesStepFacts.Settings(false, true, List.of(), null,
						null),
				new KubeletCertificatesStepFacts.Metrics(new MetricValue(Double.POSITIVE_INFINITY), null,
						new MetricValue(2), null),
				List.of()));
		assertThat(view.details()).extracting(StepView.Detail::label, StepView.Detail::value)
			.contains(tuple("TLS handshake", "10.0.0.11:10250: handshake failed"),
					tuple("Client certificate TTL (metrics)", "+Inf: no valid client certificate"),
					tuple("rotateCertificates", "off"), tuple("Client renew errors", "2"));
	}

	@Test
	void theSweepAndStepsThatGatheredNothingKeepOnlyTheirRawFacts() {
		StepView sweep = view(StepId.CLUSTER_SWEEP,
				new ClusterSweepStepFacts(null, 3, List.of("node-2"), List.of(), List.of(), 2));
		assertThat(sweep.details()).isEmpty();
		assertThat(sweep.allFacts()).containsEntry("nodesChecked", 3)
			.containsEntry("nodesNotReady", List.of("node-2"))
			.doesNotContainKey("leasesError");
		StepView unavailable = view(StepId.KUBELET_LOGS, StepFacts.NONE);
		assertThat(unavailable.details()).isEmpty();
		assertThat(unavailable.allFacts()).isEmpty();
	}

	@Test
	void factsOfAStepNoLongerKnownAreListedAsStored() {
		StepView view = StepViews.of(new StepOutcome("custom-step", "Custom", StepStatus.OK, "summary",
				new UntypedStepFacts(Map.of("anything", 1)), 1, null), this.fmt);
		assertThat(view.details()).isEmpty();
		assertThat(view.listingTitle()).isNull();
		assertThat(view.allFacts()).containsExactly(Map.entry("anything", 1));
	}

	private StepView view(StepId id, StepFacts facts) {
		return StepViews.of(new StepOutcome(id.id(), id.id(), StepStatus.OK, "summary", facts, 1, null), this.fmt);
	}

}
