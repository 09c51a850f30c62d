package io.kubeletdoctor.step;

import java.time.Duration;
import java.util.List;

import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.NodeEventsStepFacts;
import io.kubeletdoctor.playbook.StepResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NodeEventsStepTests {

	private final StepFixture fixture = new StepFixture();

	private final NodeEventsStep step = new NodeEventsStep();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void recentNodeNotReadyIsAWarningAndEventsAreNewestFirst() {
		this.fixture.cluster.node("n1")
			.event("Starting", "Normal", "Starting kubelet.", Duration.ofMinutes(50), 1)
			.event("NodeNotReady", "Normal", "Node n1 status is now: NodeNotReady", Duration.ofMinutes(12), 1)
			.event("NodeHasSufficientMemory", "Normal", "Node n1 status is now: NodeHasSufficientMemory",
					Duration.ofMinutes(49), 1)
			.apply();
		this.fixture.cluster.node("n2")
			.event("Rebooted", "Warning", "Node n2 has been rebooted", Duration.ofMinutes(1), 1)
			.apply();

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.WARNING);
		NodeEventsStepFacts facts = StepFixture.facts(result, NodeEventsStepFacts.class);
		assertThat(facts.eventCount()).isEqualTo(3);
		assertThat(facts.relevantCount()).isEqualTo(2);
		assertThat(facts.lastNotReadySecondsAgo()).isEqualTo(720L);
		assertThat(facts.kubeletStarts()).isEqualTo(1);
		assertThat(highlights(result)).hasSize(2);
		assertThat(highlights(result).get(0)).startsWith("12 minutes ago NodeNotReady").contains("Node n1 status is now");
		assertThat(highlights(result).get(1)).startsWith("50 minutes ago Starting");
		assertThat(result.summary()).contains("3 events").contains("NodeNotReady 12 minutes ago");
	}

	@Test
	void oldReadinessChangesFollowedByReadyAreOk() {
		this.fixture.cluster.node("n1")
			.event("NodeNotReady", "Normal", "Node n1 status is now: NodeNotReady", Duration.ofMinutes(90), 1)
			.event("NodeReady", "Normal", "Node n1 status is now: NodeReady", Duration.ofMinutes(80), 1)
			.apply();

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		assertThat(highlights(result).get(0)).contains("NodeReady");
	}

	@Test
	void repeatedKubeletStartsAreARestartLoop() {
		this.fixture.cluster.node("n1").event("Starting", "Normal", "Starting kubelet.", Duration.ofMinutes(2), 4).apply();

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.WARNING);
		assertThat(StepFixture.facts(result, NodeEventsStepFacts.class).kubeletStarts()).isEqualTo(4);
		assertThat(highlights(result).get(0)).contains("Starting (x4)");
		assertThat(result.summary()).contains("kubelet started 4 times");
	}

	@Test
	void reasonsKubernetesNeverEmitsAreNotHighlighted() {
		this.fixture.cluster.node("n1")
			.event("CertificateRotationFailed", "Warning", "made up by a third-party playbook", Duration.ofMinutes(2), 1)
			.apply();

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		NodeEventsStepFacts facts = StepFixture.facts(result, NodeEventsStepFacts.class);
		assertThat(facts.eventCount()).isEqualTo(1);
		assertThat(facts.relevantCount()).isZero();
		assertThat(highlights(result)).isEmpty();
	}

	@Test
	void noEventsIsOk() {
		this.fixture.cluster.node("n1").apply();

		StepResult result = this.step.run(this.fixture.context("n1"));

		assertThat(result.status()).isEqualTo(StepStatus.OK);
		assertThat(result.summary()).startsWith("No events");
	}

	@Test
	void forbiddenEventListSurfacesAsClusterAccessException() {
		this.fixture.cluster.node("n1").apply();
		this.fixture.cluster.failRequests("/events", 403);

		assertThatExceptionOfType(ClusterAccessException.class).isThrownBy(() -> this.step.run(this.fixture.context("n1")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(403));
	}

	@Test
	void inAStormTheNodesShareOneListOfEveryNodesEvents() {
		for (int i = 1; i <= 4; i++) {
			this.fixture.cluster.node("n" + i)
				.event("Rebooted", "Warning", "Node n" + i + " has been rebooted", Duration.ofMinutes(i), i)
				.apply();
		}
		this.fixture.cluster.clearRequests();

		for (int i = 1; i <= 4; i++) {
			this.fixture.shared.nodeStarted();
			StepResult result = this.step.run(this.fixture.context("n" + i));
			assertThat(highlights(result)).as("n%d sees its own events only", i)
				.singleElement()
				.asString()
				.contains("Node n" + i + " has been rebooted");
		}

		assertThat(this.fixture.cluster.requests()).hasSize(3)
			.filteredOn((request) -> !request.contains("involvedObject.name"))
			.singleElement()
			.asString()
			.startsWith("GET /api/v1/events?fieldSelector=involvedObject.kind%3DNode");
	}

	private static List<String> highlights(StepResult result) {
		return StepFixture.facts(result, NodeEventsStepFacts.class).highlights();
	}

}
