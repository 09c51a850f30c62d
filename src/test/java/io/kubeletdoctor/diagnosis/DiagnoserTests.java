package io.kubeletdoctor.diagnosis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DiagnoserTests {

	private final Evidence evidence = new Evidence("worker-1", Instant.parse("2026-08-01T12:00:00Z"));

	@Test
	void ranksByCodeOrderWhateverTheRuleOrder() {
		Diagnoser diagnoser = new Diagnoser(List.of(rule(RootCauseCode.KUBELET_NOT_RUNNING, Confidence.HIGH),
				rule(RootCauseCode.SERVING_CSR_NOT_APPROVED, Confidence.HIGH),
				rule(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.LOW)));
		Diagnosis diagnosis = diagnoser.diagnose(this.evidence);
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.CLIENT_CERT_EXPIRED);
		assertThat(diagnosis.otherCauses()).extracting(Finding::code)
			.containsExactly(RootCauseCode.SERVING_CSR_NOT_APPROVED, RootCauseCode.KUBELET_NOT_RUNNING);
	}

	@Test
	void ranksTheSameCodeByConfidence() {
		Diagnoser diagnoser = new Diagnoser(List.of(rule(RootCauseCode.CSR_NOT_ISSUED, Confidence.LOW),
				rule(RootCauseCode.CSR_NOT_ISSUED, Confidence.HIGH), rule(RootCauseCode.CSR_NOT_ISSUED, Confidence.MEDIUM)));
		Diagnosis diagnosis = diagnoser.diagnose(this.evidence);
		assertThat(diagnosis.rootCause().confidence()).isEqualTo(Confidence.HIGH);
		assertThat(diagnosis.otherCauses()).extracting(Finding::confidence)
			.containsExactly(Confidence.MEDIUM, Confidence.LOW);
	}

	@Test
	void consultsNoFallbackWhenARuleNamedACause() {
		List<String> consulted = new ArrayList<>();
		Diagnoser diagnoser = new Diagnoser(List.of(fallback(RootCauseCode.NO_FAULT_FOUND, consulted),
				rule(RootCauseCode.SERVING_CERT_EXPIRED, Confidence.MEDIUM),
				fallback(RootCauseCode.UNDETERMINED, consulted)));
		Diagnosis diagnosis = diagnoser.diagnose(this.evidence);
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.SERVING_CERT_EXPIRED);
		assertThat(diagnosis.otherCauses()).isEmpty();
		assertThat(consulted).isEmpty();
	}

	@Test
	void fallsBackWhenNoRuleNamedACause() {
		List<String> consulted = new ArrayList<>();
		Diagnoser diagnoser = new Diagnoser(List.of(silent(), fallback(RootCauseCode.UNDETERMINED, consulted)));
		Diagnosis diagnosis = diagnoser.diagnose(this.evidence);
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.UNDETERMINED);
		assertThat(consulted).containsExactly("UNDETERMINED");
	}

	@Test
	void keepsEveryOtherCause() {
		Diagnoser diagnoser = new Diagnoser(List.of(rule(RootCauseCode.ROTATION_DISABLED, Confidence.HIGH),
				rule(RootCauseCode.CA_EXPIRING, Confidence.MEDIUM), rule(RootCauseCode.CA_EXPIRED, Confidence.LOW),
				silent(), rule(RootCauseCode.SERVING_CERT_EXPIRED, Confidence.HIGH)));
		Diagnosis diagnosis = diagnoser.diagnose(this.evidence);
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.CA_EXPIRED);
		assertThat(diagnosis.otherCauses()).extracting(Finding::code)
			.containsExactly(RootCauseCode.SERVING_CERT_EXPIRED, RootCauseCode.ROTATION_DISABLED,
					RootCauseCode.CA_EXPIRING);
	}

	@Test
	void failsLoudlyWhenEvenTheFallbacksAreSilent() {
		Diagnoser diagnoser = new Diagnoser(List.of(silent()));
		assertThatIllegalStateException().isThrownBy(() -> diagnoser.diagnose(this.evidence))
			.withMessageContaining("worker-1");
	}

	private static DiagnosisRule rule(RootCauseCode code, Confidence confidence) {
		return (evidence) -> Optional.of(finding(code, confidence));
	}

	private static DiagnosisRule silent() {
		return (evidence) -> Optional.empty();
	}

	private static DiagnosisRule fallback(RootCauseCode code, List<String> consulted) {
		return new DiagnosisRule() {

			@Override
			public Optional<Finding> evaluate(Evidence evidence) {
				consulted.add(code.name());
				return Optional.of(finding(code, Confidence.LOW));
			}

			@Override
			public boolean fallback() {
				return true;
			}

		};
	}

	private static Finding finding(RootCauseCode code, Confidence confidence) {
		return new Finding(code, code.name(), confidence, "summary", List.of("evidence"), "refuted by", List.of());
	}

}
