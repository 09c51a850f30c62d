package io.kubeletdoctor.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.diagnosis.stepfacts.UntypedStepFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report documents as the store holds them, captured from the service before step facts became
 * records (under {@code stored/}): each reads back with every step's facts as the record its id
 * names, and writes out again field for field, so earlier reports and external readers keep working.
 */
class StoredDocumentTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "worker-client-expired", "worker-expired-serving", "worker-kubelet-down", "worker-never",
			"sweep" })
	void storedDocumentReadsAsRecordsAndWritesBackUnchanged(String name) throws IOException {
		JsonNode stored = this.json.readTree(read(name));

		ReportDocument document = this.json.readValue(read(name), ReportDocument.class);

		assertThat(document.steps()).isNotEmpty().allSatisfy(StoredDocumentTests::factsAreTheRecordTheIdNames);
		ObjectNode written = (ObjectNode) this.json.readTree(this.json.writeValueAsString(document));
		// the one field added since: the groups of a cluster report
		written.remove("causes");
		assertThat(written).isEqualTo(stored);
	}

	@Test
	void sweepStoredBeforeCausesGroupsItsAffectedNodesInTheOrderOfItsFindings() {
		ReportDocument document = this.json.readValue(read("sweep"), ReportDocument.class);

		assertThat(document.causes()).containsExactly(
				new Report.Cause("CLIENT_CERT_EXPIRED", Confidence.LOW, List.of("worker-client-expired")),
				new Report.Cause("SERVING_CERT_EXPIRED", Confidence.LOW, List.of("worker-expired-serving")),
				new Report.Cause("SERVING_CSR_NOT_APPROVED", Confidence.LOW, List.of("worker-pending-serving-csr")),
				new Report.Cause("KUBELET_NOT_RUNNING", Confidence.LOW, List.of("worker-kubelet-down")));
	}

	@Test
	void nodeReportHasNoCauses() {
		ReportDocument document = this.json.readValue(read("worker-never"), ReportDocument.class);

		assertThat(document.causes()).isNull();
	}

	@Test
	void causesWrittenWithTheReportReadBackAsWritten() {
		List<Report.Cause> causes = List.of(new Report.Cause("CA_MISMATCH", Confidence.MEDIUM, List.of("b", "a")));
		ReportDocument written = new ReportDocument(null, List.of(), List.of(), List.of(), List.of(),
				List.of(new Report.AffectedNode("a", "r-a", "CLIENT_CERT_EXPIRED")), causes);

		ReportDocument read = this.json.readValue(this.json.writeValueAsString(written), ReportDocument.class);

		assertThat(read.causes()).isEqualTo(causes);
	}

	@Test
	void factsOfAnIdNoStepNamesAreKeptAsStored() {
		String stored = """
				{"id":"node-dmesg","title":"Kernel log","status":"OK","summary":"quiet",\
				"facts":{"lines":3,"signals":["oom"]},"durationMs":5,"manualCommand":null}""";

		StepOutcome step = this.json.readValue(stored, StepOutcome.class);

		assertThat(step.facts()).isInstanceOf(UntypedStepFacts.class);
		assertThat(this.json.readTree(this.json.writeValueAsString(step))).isEqualTo(this.json.readTree(stored));
	}

	private static void factsAreTheRecordTheIdNames(StepOutcome step) {
		if (!step.status().gathered()) {
			assertThat(step.facts()).isEqualTo(StepFacts.NONE);
			return;
		}
		assertThat(step.facts()).isNotInstanceOf(UntypedStepFacts.class)
			.isInstanceOf(StepId.of(step.id()).orElseThrow().factsType());
	}

	static InputStream read(String name) {
		InputStream in = StoredDocumentTests.class.getResourceAsStream("stored/" + name + ".json");
		assertThat(in).as(name).isNotNull();
		return in;
	}

}
