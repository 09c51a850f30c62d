package io.kubeletdoctor.playbook;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Diagnoser;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.report.CompletedDiagnosis;
import io.kubeletdoctor.report.StepOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps run in order, whatever the one before did, and each start is announced as progress. */
class NodeDiagnosticsTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);

	private final SimulatedCluster cluster = SimulatedCluster.start(CLOCK);

	@AfterEach
	void close() {
		this.cluster.close();
	}

	@Test
	void everyStepRunsInOrderAndAnnouncesItself() {
		DiagnosisStep forbidden = step(StepId.NODE_STATUS, "Reads a forbidden thing", () -> {
			throw new ClusterAccessException(403, "forbidden: list things (grant list on things)", null);
		});
		DiagnosisStep broken = step(StepId.NODE_EVENTS, "Has a bug", () -> {
			throw new IllegalStateException("bug");
		});
		DiagnosisStep fine = step(StepId.KUBELET_LOGS, "Works", () -> StepResult.of(StepStatus.OK, "fine", StepFacts.NONE));
		NodeDiagnostics diagnostics = new NodeDiagnostics(List.of(forbidden, broken, fine),
				new Diagnoser(List.of(new Fallback())), CLOCK, new PlaybookMetrics(new SimpleMeterRegistry()));
		List<String> progress = new ArrayList<>();

		CompletedDiagnosis diagnosis = diagnostics.diagnose(
				new Playbook("p", "P", List.of(), true, List.of(StepId.NODE_STATUS, StepId.NODE_EVENTS, StepId.KUBELET_LOGS)), "n1", this.cluster.reader("test"),
				Map.of(), new SharedEvidence(), progress::add);

		assertThat(progress).containsExactly("step 1 of 3: Reads a forbidden thing", "step 2 of 3: Has a bug",
				"step 3 of 3: Works");
		assertThat(diagnosis.steps()).extracting(StepOutcome::status)
			.containsExactly(StepStatus.UNAVAILABLE, StepStatus.ERROR, StepStatus.OK);
		assertThat(diagnosis.steps().get(0).summary()).contains("grant list on things");
	}

	@Test
	void invalidNodeNameIsRejectedWithoutAnyRequest() {
		DiagnosisStep reads = step(StepId.NODE_STATUS, "Reads the node", () -> {
			throw new AssertionError("no step may run for an invalid node name");
		});
		NodeDiagnostics diagnostics = new NodeDiagnostics(List.of(reads), new Diagnoser(List.of(new Fallback())),
				CLOCK, new PlaybookMetrics(new SimpleMeterRegistry()));
		String hostile = "../namespaces/kube-system/secrets/x\r\n\u001b[31m";
		this.cluster.clearRequests();

		String resolved = NodeResolver.resolve(this.cluster.reader("test"), hostile, "instance");
		CompletedDiagnosis diagnosis = diagnostics.diagnose(
				new Playbook("p", "P", List.of(), true, List.of(StepId.NODE_STATUS)), resolved,
				this.cluster.reader("test"), Map.of(), new SharedEvidence(), (progress) -> {
				});

		assertThat(this.cluster.requests()).isEmpty();
		assertThat(diagnosis.node()).isEqualTo(hostile);
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.UNDETERMINED);
		assertThat(diagnosis.rootCause().title()).startsWith("Rejected input");
		assertThat(diagnosis.rootCause().summary()).contains("not a valid Kubernetes node name")
			.contains("\\r\\n\\u001b")
			.doesNotContain("\r", "\n", "\u001b");
		assertThat(diagnosis.steps()).extracting(StepOutcome::status).containsExactly(StepStatus.SKIPPED);
	}

	@Test
	void instanceAddressThatIsNoNameIsOnlyComparedWithNodeAddresses() {
		this.cluster.node("worker-v6").ready().addresses("fd00::7").apply();
		this.cluster.clearRequests();

		assertThat(NodeResolver.resolve(this.cluster.reader("test"), "fd00::7", "instance")).isEqualTo("worker-v6");
		assertThat(this.cluster.requests()).isNotEmpty()
			.allMatch((request) -> request.startsWith("GET /api/v1/nodes"))
			.noneMatch((request) -> request.contains("fd00"));
	}

	private static DiagnosisStep step(StepId id, String title, StepBody body) {
		return new DiagnosisStep() {

			@Override
			public StepId id() {
				return id;
			}

			@Override
			public String title() {
				return title;
			}

			@Override
			public StepResult run(StepContext context) {
				return body.run();
			}

		};
	}

	private interface StepBody {

		StepResult run();

	}

	private static final class Fallback implements DiagnosisRule {

		@Override
		public Optional<Finding> evaluate(Evidence evidence) {
			return Optional.of(new Finding(RootCauseCode.UNDETERMINED, "t", Confidence.LOW, "s", List.of(), "r",
					List.of()));
		}

		@Override
		public boolean fallback() {
			return true;
		}

	}

}
