package io.kubeletdoctor.diagnosis.stepfacts;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON shapes the report contract gives the step facts' own value types, both ways. */
class StepFactsJsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void metricValueKeepsInfinityAsPrometheusWritesItAndWholeNumbersWithoutAFraction() {
		assertThat(write(new MetricValue(Double.POSITIVE_INFINITY))).isEqualTo("\"+Inf\"");
		assertThat(write(new MetricValue(Double.NEGATIVE_INFINITY))).isEqualTo("\"-Inf\"");
		assertThat(write(new MetricValue(Double.NaN))).isEqualTo("\"NaN\"");
		assertThat(write(new MetricValue(4.0))).isEqualTo("4");
		assertThat(write(new MetricValue(1.5))).isEqualTo("1.5");
		assertThat(this.json.readValue("\"+Inf\"", MetricValue.class).positiveInfinity()).isTrue();
		assertThat(this.json.readValue("17280000", MetricValue.class).whole()).isEqualTo(17280000L);
		assertThat(this.json.readValue("\"NaN\"", MetricValue.class).finite()).isFalse();
	}

	@Test
	void answerIsABooleanOrTheTextSayingWhyItIsUndecided() {
		assertThat(write(Answer.of(true))).isEqualTo("true");
		assertThat(write(Answer.undecided("undecided (Node authorizer)"))).isEqualTo("\"undecided (Node authorizer)\"");
		assertThat(this.json.readValue("false", Answer.class).no()).isTrue();
		assertThat(this.json.readValue("\"undecided\"", Answer.class)).isEqualTo(Answer.undecided("undecided"));
	}

	@Test
	void absentFactsAreLeftOut() {
		assertThat(write(NodeStatusStepFacts.notFound())).isEqualTo("{\"found\":false}");
		assertThat(write(new ClusterSweepStepFacts(null, 1, List.of(), List.of(), List.of(), 1)))
			.doesNotContain("leasesError");
		assertThat(write(StepFacts.NONE)).isEqualTo("{}");
	}

	@Test
	void rbacChecksAreStoredFlatUnderTheirOwnNames() {
		RbacStepFacts facts = RbacStepFacts.of("system:node:n1", List.of("system:nodes"),
				new RbacStepFacts.Check(Answer.of(true), "allowed by binding", null),
				new RbacStepFacts.Check(Answer.of(false), null, "webhook down"), RbacStepFacts.Check.of(Answer.of(true)),
				false, List.of(), List.of(), "forbidden");

		String text = write(facts);

		assertThat(text).contains("\"createCsr\":true", "\"createCsrReason\":\"allowed by binding\"",
				"\"selfNodeClient\":false", "\"selfNodeClientEvaluationError\":\"webhook down\"",
				"\"kubeadmBindings\":\"not readable: forbidden\"")
			.doesNotContain("kubeadmBindingsPresent", "Check");
		RbacStepFacts read = this.json.readValue(text, RbacStepFacts.class);
		assertThat(read).isEqualTo(facts);
		assertThat(read.selfNodeClientCheck().evaluationError()).isEqualTo("webhook down");
	}

	@Test
	void everyStepIdNamesADistinctRecordAndReadsBackFromItsId() {
		for (StepId step : StepId.values()) {
			assertThat(StepId.of(step.id())).contains(step);
		}
		assertThat(List.of(StepId.values())).extracting(StepId::factsType).doesNotHaveDuplicates();
		assertThat(StepId.of("node-dmesg")).isEmpty();
	}

	private String write(Object value) {
		return this.json.writeValueAsString(value);
	}

}
