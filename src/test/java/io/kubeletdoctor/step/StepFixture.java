package io.kubeletdoctor.step;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.kubeletdoctor.cluster.ApiThrottle;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.Fabric8ClusterReader;
import io.kubeletdoctor.cluster.KubeletApiSettings;
import io.kubeletdoctor.cluster.KubeletTlsInspector;
import io.kubeletdoctor.cluster.RateLimit;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import io.kubeletdoctor.playbook.DiagnosisStep;
import io.kubeletdoctor.playbook.SharedEvidence;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated cluster at a fixed moment and the step contexts to run steps against it, one drain's
 * shared evidence for all nodes. The kubelet handshake and kubelet reads time out within seconds so
 * a hanging kubelet costs little; certificate dates are checked at the cluster's clock.
 */
final class StepFixture implements AutoCloseable {

	static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	final SimulatedCluster cluster = SimulatedCluster.start(Clock.fixed(NOW, ZoneOffset.UTC));

	final ClusterReader reader = new Fabric8ClusterReader("test", this.cluster.client(),
			new KubeletTlsInspector(Duration.ofSeconds(1), Duration.ofSeconds(1)),
			ApiThrottle.forClient(RateLimit.DEFAULT, this.cluster.client().getConfiguration()),
			new KubeletApiSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 4, null), this.cluster.clock());

	final SharedEvidence shared = new SharedEvidence();

	StepContext context(String node) {
		return new StepContext("test", node, this.reader, new Evidence(node, NOW), Map.of(), this.shared);
	}

	/** A context whose Node was read first, as the node-status step does before the kubelet steps. */
	StepContext contextWithNode(String node) {
		StepContext context = context(node);
		new NodeStatusStep().run(context);
		return context;
	}

	/** A context of a later drain: nothing read before is shared with it. */
	StepContext contextInNewDrain(String node) {
		return new StepContext("test", node, this.reader, new Evidence(node, NOW), Map.of(), new SharedEvidence());
	}

	/** Runs the steps in order on one context, as the engine does, and returns the last result. */
	static StepResult run(StepContext context, DiagnosisStep... steps) throws Exception {
		StepResult result = null;
		for (DiagnosisStep step : steps) {
			result = step.run(context);
			context.evidence().recordStep(step.id().id(), result.status(), result.summary());
		}
		return result;
	}

	/** The result's facts, which must be the record the step writes. */
	static <F extends StepFacts> F facts(StepResult result, Class<F> type) {
		assertThat(result.facts()).isInstanceOf(type);
		return type.cast(result.facts());
	}

	@Override
	public void close() {
		this.cluster.close();
	}

}
