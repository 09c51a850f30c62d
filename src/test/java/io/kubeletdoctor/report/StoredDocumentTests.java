package io.kubeletdoctor.report;

import java.io.IOException;
import java.io.InputStream;

import io.kubeletdoctor.diagnosis.stepfacts.StepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.diagnosis.stepfacts.UntypedStepFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
		assertThat(this.json.readTree(this.json.writeValueAsString(document))).isEqualTo(stored);
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
