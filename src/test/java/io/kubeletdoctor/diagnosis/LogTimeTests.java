package io.kubeletdoctor.diagnosis;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTimeTests {

	private static final Instant NOW = Instant.parse("2027-01-01T00:10:00Z");

	@Test
	void readsTheJournaldHeaderWithTheYearNearestTheDiagnosis() {
		assertThat(LogTime.of("Dec 31 23:50:01.250000 worker-1 kubelet[2817]: E1231 23:50:01.250000 2817 x.go:1] m",
				NOW)).contains(Instant.parse("2026-12-31T23:50:01.250Z"));
	}

	@Test
	void readsTheKlogHeaderWhenThereIsNoJournaldOne() {
		assertThat(LogTime.of("E0101 00:05:00.000001    2817 certificate_manager.go:596] failed", NOW))
			.contains(Instant.parse("2027-01-01T00:05:00.000001Z"));
	}

	@Test
	void aLineWithoutHeaderHasNoTime() {
		assertThat(LogTime.of("x509: certificate has expired or is not yet valid", NOW)).isEmpty();
	}

}
