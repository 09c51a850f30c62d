package io.kubeletdoctor.playbook;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.NodeName;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Diagnoser;
import io.kubeletdoctor.diagnosis.Diagnosis;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.ObservedCertificate;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.report.CompletedDiagnosis;
import io.kubeletdoctor.report.LogText;
import io.kubeletdoctor.report.ReportCertificate;
import io.kubeletdoctor.report.ReportCsr;
import io.kubeletdoctor.report.StepOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs a playbook's steps for one node, in order, and diagnoses the evidence. A step that cannot
 * read the cluster is UNAVAILABLE, one that fails is ERROR; either way the next step runs. Once the
 * node is known not to exist, the remaining steps are skipped. A node name from an alert that is no
 * Kubernetes name is rejected before any step runs, so it never reaches an API path.
 */
@Component
class NodeDiagnostics {

	private static final Logger logger = LoggerFactory.getLogger(NodeDiagnostics.class);

	private final Map<StepId, DiagnosisStep> steps;

	private final Diagnoser diagnoser;

	private final Clock clock;

	private final PlaybookMetrics metrics;

	NodeDiagnostics(List<DiagnosisStep> steps, Diagnoser diagnoser, Clock clock, PlaybookMetrics metrics) {
		this.steps = steps.stream().collect(Collectors.toMap(DiagnosisStep::id, Function.identity()));
		this.diagnoser = diagnoser;
		this.clock = clock;
		this.metrics = metrics;
	}

	/** Diagnoses one node, telling {@code progress} which step starts: "step 3 of 7: Kubelet certificates". */
	CompletedDiagnosis diagnose(Playbook playbook, String node, ClusterReader reader, Map<String, String> labels,
			SharedEvidence shared, Consumer<String> progress) {
		if (!NodeName.isValid(node)) {
			return rejected(playbook, node);
		}
		shared.nodeStarted();
		Evidence evidence = new Evidence(node, this.clock.instant());
		StepContext context = new StepContext(reader.clusterName(), node, reader, evidence, labels, shared);
		List<StepOutcome> outcomes = new ArrayList<>();
		int total = playbook.steps().size();
		for (StepId id : playbook.steps()) {
			DiagnosisStep step = this.steps.get(id);
			progress.accept("step " + (outcomes.size() + 1) + " of " + total + ": " + step.title());
			boolean nodeMissing = evidence.get(NodeFacts.class).map((facts) -> !facts.found()).orElse(false);
			StepOutcome outcome = nodeMissing ? skipped(step, "Skipped: the node does not exist") : run(step, context);
			evidence.recordStep(id.id(), outcome.status(), outcome.summary());
			outcomes.add(outcome);
		}
		Diagnosis diagnosis = this.diagnoser.diagnose(evidence);
		return new CompletedDiagnosis(node, playbook.name(), diagnosis.rootCause(), diagnosis.otherCauses(), outcomes,
				certificates(evidence), requests(evidence), null);
	}

	/** An alert label that is no node name is stored and reported, but never put into a request. */
	private CompletedDiagnosis rejected(Playbook playbook, String node) {
		logger.warn("Rejected the node label \"{}\" of an alert: not a valid Kubernetes node name",
				RejectedNodeName.shown(node));
		List<StepOutcome> outcomes = playbook.steps()
			.stream()
			.map(this.steps::get)
			.map((step) -> skipped(step, RejectedNodeName.STEP_SUMMARY))
			.toList();
		return new CompletedDiagnosis(node, playbook.name(), RejectedNodeName.finding(node), List.of(), outcomes,
				List.of(), List.of(), null);
	}

	private StepOutcome run(DiagnosisStep step, StepContext context) {
		long start = System.nanoTime();
		StepResult result;
		try {
			result = step.run(context);
		}
		catch (ClusterAccessException ex) {
			result = StepResult.unavailable(ex.getMessage(), null);
		}
		catch (Exception ex) {
			logger.warn("Step {} failed for node {}", step.id(), LogText.escape(context.nodeName()), ex);
			result = new StepResult(StepStatus.ERROR, "The step failed: " + ex, StepFacts.NONE, null);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		this.metrics.stepFinished(step.id().id(), result.status(), took);
		long millis = took.toMillis();
		return new StepOutcome(step.id().id(), step.title(), result.status(), result.summary(), result.facts(), millis,
				result.manualCommand());
	}

	private static StepOutcome skipped(DiagnosisStep step, String summary) {
		return new StepOutcome(step.id().id(), step.title(), StepStatus.SKIPPED, summary, StepFacts.NONE, 0, null);
	}

	private static List<ReportCertificate> certificates(Evidence evidence) {
		List<ReportCertificate> certificates = new ArrayList<>();
		for (ObservedCertificate observed : evidence.certificates()) {
			certificates.add(new ReportCertificate(observed.role(), observed.info().subject(),
					observed.info().issuer(), observed.info().notBefore(), observed.info().notAfter(),
					observed.source()));
		}
		return certificates;
	}

	private static List<ReportCsr> requests(Evidence evidence) {
		List<ReportCsr> requests = new ArrayList<>();
		for (CsrRecord csr : evidence.get(CertificateRequestFacts.class)
			.map(CertificateRequestFacts::requests)
			.orElse(List.of())) {
			String subject = (csr.commonName() != null) ? "CN=" + csr.commonName()
					+ csr.organizations().stream().map((o) -> ",O=" + o).collect(Collectors.joining()) : null;
			requests.add(new ReportCsr(csr.name(), csr.signerName(), csr.username(), csr.condition(),
					csr.age().toSeconds(), subject, csr.sans(), csr.usages(), csr.issuedNotAfter(), csr.message()));
		}
		return requests;
	}

}
