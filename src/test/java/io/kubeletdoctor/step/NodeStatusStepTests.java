package io.kubeletdoctor.step;

import java.time.Duration;

import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.NodeStatusStepFacts;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NodeStatusStepTests {

	private final StepFixture fixture = new StepFixture();

	private final NodeStatusStep step = new NodeStatusStep();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void readyNodeWithFreshLeaseIsOkAndNamesTheKubeletEndpoint() {
		this.fixture.cluster.node("n1").kubeletVersion("v1.31.4").apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		NodeFacts node = context.evidence().get(NodeFacts.class).orElseThrow();
		assertThat(node.ready()).isTrue();
		assertThat(node.readyReason()).isEqualTo("KubeletReady");
		assertThat(node.leaseAge()).isEqualTo(Duration.ofSeconds(5));
		assertThat(node.leaseDurationSeconds()).isEqualTo(40);
		assertThat(node.leaseStale()).isFalse();
		assertThat(node.kubeletVersion()).isEqualTo("v1.31.4");
		assertThat(node.address()).isEqualTo("127.0.0.1");
		assertThat(node.kubeletPort()).isEqualTo(this.fixture.cluster.node("n1").kubeletPort());
		assertThat(node.taints()).isEmpty();
		assertThat(result.summary()).startsWith("Ready").contains("kubelet v1.31.4");
		NodeStatusStepFacts facts = StepFixture.facts(result, NodeStatusStepFacts.class);
		assertThat(facts.leaseAgeSeconds()).isEqualTo(5L);
		assertThat(facts.leaseStale()).isFalse();
	}

	/** Later nodes of a storm read their Node and Lease from shared LISTs and are judged the same. */
	@Test
	void aStormListsNodesAndLeasesOnceAndJudgesEachNodeAsAGetWould() {
		for (int i = 1; i <= 6; i++) {
			var node = this.fixture.cluster.node("n" + i);
			(i % 2 == 0 ? node.statusUnknown(Duration.ofMinutes(20)) : node).apply();
		}
		this.fixture.cluster.clearRequests();

		for (int i = 1; i <= 6; i++) {
			this.fixture.shared.nodeStarted();
			StepContext context = this.fixture.context("n" + i);
			StepResult result = this.step.run(context);
			NodeFacts node = context.evidence().get(NodeFacts.class).orElseThrow();
			assertThat(result.status()).as("n" + i).isEqualTo((i % 2 == 0) ? StepStatus.CRITICAL : StepStatus.OK);
			assertThat(node.leaseAge()).as("n" + i)
				.isEqualTo((i % 2 == 0) ? Duration.ofMinutes(20) : Duration.ofSeconds(5));
		}
		this.fixture.shared.nodeStarted();
		assertThat(this.step.run(this.fixture.context("gone")).summary()).isEqualTo("Node gone not found");

		assertThat(this.fixture.cluster.requests()).containsExactly("GET /api/v1/nodes/n1",
				"GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1", "GET /api/v1/nodes/n2",
				"GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n2", "GET /api/v1/nodes?limit=500",
				"GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases?limit=500");
	}

	@Test
	void silentNodeWithStaleLeaseIsCritical() {
		this.fixture.cluster.node("n1").statusUnknown(Duration.ofMinutes(20)).apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		NodeFacts node = context.evidence().get(NodeFacts.class).orElseThrow();
		assertThat(node.readyStatus()).isEqualTo("Unknown");
		assertThat(node.readyReason()).isEqualTo("NodeStatusUnknown");
		assertThat(node.leaseAge()).isEqualTo(Duration.ofMinutes(20));
		assertThat(node.leaseStale()).isTrue();
		assertThat(node.heartbeatAge()).isEqualTo(Duration.ofMinutes(20));
		assertThat(node.taints()).anyMatch((taint) -> taint.startsWith("node.kubernetes.io/unreachable"));
		assertThat(result.summary()).contains("Not Ready (Unknown, NodeStatusUnknown)").contains("lease stale");
	}

	@Test
	void notReadyNodeIsCriticalEvenWithAFreshLease() {
		this.fixture.cluster.node("n1").notReady("KubeletNotReady", "PLEG is not healthy").apply();
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(context.evidence().get(NodeFacts.class).orElseThrow().readyMessage()).isEqualTo("PLEG is not healthy");
		assertThat(StepFixture.facts(result, NodeStatusStepFacts.class).leaseStale()).isFalse();
	}

	@Test
	void missingNodeIsCriticalAndRecordedAsNotFound() {
		StepContext context = this.fixture.context("ghost");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.CRITICAL);
		assertThat(result.summary()).contains("not found");
		assertThat(context.evidence().get(NodeFacts.class).orElseThrow().found()).isFalse();
	}

	@Test
	void nodeWithoutLeaseIsWorthAWarning() {
		this.fixture.cluster.node("n1").noLease().apply();

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.WARNING);
		assertThat(result.summary()).contains("no lease in kube-node-lease");
	}

	@Test
	void unreadableLeaseIsReportedButDoesNotFailTheStep() {
		this.fixture.cluster.node("n1").apply();
		this.fixture.cluster.failRequests("kube-node-lease", 403);
		StepContext context = this.fixture.context("n1");

		StepResult result = this.step.run(context);

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		assertThat(result.summary()).contains("lease not readable");
		assertThat(StepFixture.facts(result, NodeStatusStepFacts.class).leaseError()).contains("forbidden");
		assertThat(context.evidence().get(NodeFacts.class).orElseThrow().leaseAge()).isNull();
	}

	@Test
	void forbiddenNodeReadSurfacesAsClusterAccessException() {
		this.fixture.cluster.node("n1").apply();
		this.fixture.cluster.failRequests("/api/v1/nodes/n1$", 403);

		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> this.step.run(this.fixture.context("n1")))
			.satisfies((ex) -> assertThat(ex.forbidden()).isTrue());
	}

}
