package io.kubeletdoctor.diagnosis.rules;

import java.time.Instant;

import io.kubeletdoctor.demo.KubeletJournal;
import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.diagnosis.StepStatus;
import org.junit.jupiter.api.Test;

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.NOW;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.clientCsr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.csr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.days;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.minutes;
import static org.assertj.core.api.Assertions.assertThat;

class HistoryTests {

	private static final String TIMED_OUT = CsrRecord.KUBELET_CLIENT_SIGNER
			+ ": certificate request was not signed: timed out waiting for the condition";

	private static final CsrRecord STUCK = clientCsr("csr-stuck", CsrCondition.PENDING, minutes(50));

	/** Issued 20 minutes ago for a year: the certificate a 365-day TTL gauge reports. */
	private static final CsrRecord RENEWAL = csr("csr-renewal", CsrRecord.KUBELET_CLIENT_SIGNER, CsrCondition.ISSUED,
			minutes(20), NOW.plus(days(365)).minus(minutes(20)), null, null);

	private static EvidenceBuilder healedClient() {
		return healthyNode().clientTtl((double) days(365).minus(minutes(20)).getSeconds())
			.csr(STUCK)
			.csr(RENEWAL)
			.step(Steps.CERTIFICATE_REQUESTS, StepStatus.CRITICAL);
	}

	@Test
	void leftoverCsrOfAHealedSignerIsHistoryAndTheNodeHasNoFault() {
		Evidence evidence = healedClient().build();
		assertThat(History.of(evidence).past(STUCK)).isTrue();
		assertThat(History.of(evidence).explains(Steps.CERTIFICATE_REQUESTS)).isTrue();
		Finding finding = new NoFaultFoundRule().evaluate(evidence).orElseThrow();
		assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(finding.summary()).contains("1 pending CSR(s)", "ended 20 minutes ago when CSR csr-renewal was issued");
		assertThat(new UndeterminedRule().evaluate(evidence)).isEmpty();
	}

	@Test
	void anIssuedCsrTheKubeletDoesNotUseHealsNothing() {
		Evidence evidence = healedClient().clientTtl((double) days(30).getSeconds()).build();
		assertThat(History.of(evidence).past(STUCK)).isFalse();
		assertThat(new NoFaultFoundRule().evaluate(evidence)).isEmpty();
		assertThat(new UndeterminedRule().evaluate(evidence)).isPresent();
	}

	@Test
	void aStaleLeaseHealsNothing() {
		Evidence evidence = healedClient().heartbeatLost(minutes(10)).build();
		assertThat(History.of(evidence).past(STUCK)).isFalse();
	}

	@Test
	void aCsrFiledAfterTheHealingIsPresent() {
		CsrRecord later = clientCsr("csr-later", CsrCondition.DENIED, minutes(10));
		assertThat(History.of(healedClient().csr(later).build()).past(later)).isFalse();
	}

	@Test
	void logLinesBeforeTheHealingAreHistoryAndUndatedOnesNever() {
		KubeletLogFacts.Line before = line(NOW.minus(minutes(35)), TIMED_OUT);
		KubeletLogFacts.Line after = line(NOW.minus(minutes(5)), TIMED_OUT);
		KubeletLogFacts.Line undated = new KubeletLogFacts.Line(LogSignal.CSR_NOT_SIGNED_TIMEOUT, TIMED_OUT);
		History history = History.of(healedClient().build());
		assertThat(history.past(before)).isTrue();
		assertThat(history.past(after)).isFalse();
		assertThat(history.past(undated)).isFalse();
	}

	@Test
	void validityErrorsOnlyAWrongClockExplainsAreHistoryOnceTheLeaseShowsTheClocksAgree() {
		String error = "x509: certificate has expired or is not yet valid: current time 2026-08-01T10:20:00Z is before"
				+ " 2026-08-01T11:00:00Z";
		KubeletLogFacts.Line old = new KubeletLogFacts.Line(LogSignal.CERTIFICATE_NOT_YET_VALID,
				journal(NOW.minus(minutes(100)), error));
		Evidence agreeing = healthyNode().log(old.signal(), old.text()).build();
		assertThat(History.of(agreeing).past(old)).isTrue();
		assertThat(new ClockSkewRule().evaluate(agreeing)).isEmpty();
		assertThat(new NoFaultFoundRule().evaluate(agreeing).orElseThrow().summary())
			.contains("only a wrong clock on the node explains", "2026-08-01T10:20:00Z");
		Evidence silent = healthyNode().heartbeatLost(minutes(20)).log(old.signal(), old.text()).build();
		assertThat(History.of(silent).past(old)).isFalse();
		assertThat(new ClockSkewRule().evaluate(silent)).isPresent();
	}

	@Test
	void aNodeClockAheadIsClockSkewNotAnExpiredClientCertificate() {
		String error = "x509: certificate has expired or is not yet valid: current time 2027-09-05T12:00:00Z is after"
				+ " 2027-05-01T00:00:00Z";
		Instant nodeTime = Instant.parse("2027-09-05T12:00:00Z");
		EvidenceBuilder evidence = healthyNode().heartbeatLost(minutes(25))
			.clientTtl(Double.POSITIVE_INFINITY)
			.log(LogSignal.CERTIFICATE_EXPIRED, journal(nodeTime, error))
			.log(LogSignal.CLIENT_CERTIFICATE_EXPIRED, journal(nodeTime,
					"The currently active client certificate has expired, but the server is not responsive."));
		Finding skew = RuleOutcome.finding(new ClockSkewRule(), evidence);
		assertThat(skew.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(skew.evidence()).anyMatch((text) -> text.contains("400 days ahead of this service's clock"))
			.anyMatch((text) -> text.contains("valid by this service's clock: NotAfter 2027-05-01T00:00:00Z"));
		Finding expired = RuleOutcome.finding(new ClientCertExpiredRule(), evidence);
		assertThat(expired.confidence()).isEqualTo(Confidence.LOW);
		assertThat(RootCauseCode.CLOCK_SKEW).isLessThan(expired.code());
	}

	@Test
	void anExpiredCertificateByBothClocksIsNoClockSkew() {
		String error = "x509: certificate has expired or is not yet valid: current time 2026-08-01T11:40:00Z is after"
				+ " 2026-07-01T00:00:00Z";
		assertThat(new ClockSkewRule().evaluate(healthyNode()
			.log(LogSignal.CERTIFICATE_EXPIRED, journal(NOW.minus(minutes(20)), error))
			.build())).isEmpty();
	}

	private static KubeletLogFacts.Line line(Instant at, String message) {
		return new KubeletLogFacts.Line(LogSignal.CSR_NOT_SIGNED_TIMEOUT, journal(at, message));
	}

	/** A line as the node log query returns it: journald's header, then klog's. */
	private static String journal(Instant at, String message) {
		return KubeletJournal.line(at, EvidenceBuilder.NODE, 'E', "certificate_manager.go:596",
				message);
	}

}
