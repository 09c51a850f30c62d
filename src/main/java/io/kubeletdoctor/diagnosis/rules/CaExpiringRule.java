package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.ObservedCertificate;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateInfo;
import org.springframework.stereotype.Component;

/**
 * The longest-lived CA in the bundle expires within 90 days: a CA rotation needs that much lead time,
 * and the signer already cuts every kubelet certificate short to the CA's NotAfter. A kubelet
 * certificate ending at the CA's NotAfter shows that truncation and agrees.
 */
@Component
class CaExpiringRule implements DiagnosisRule {

	static final Duration WARNING = Duration.ofDays(90);

	/** Truncated certificates end exactly at the CA's NotAfter; allow for clock rounding. */
	private static final Duration TRUNCATION_SLACK = Duration.ofMinutes(1);

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		CertificateAuthorityFacts authority = evidence.get(CertificateAuthorityFacts.class).orElse(null);
		Instant now = evidence.now();
		if (authority == null || authority.bundle().isEmpty()) {
			return Optional.empty();
		}
		CertificateInfo ca = CaBundle.newest(authority);
		if (ca.isExpiredAt(now) || ca.notAfter().isAfter(now.plus(WARNING))) {
			return Optional.empty();
		}
		List<String> lines = new ArrayList<>();
		lines.add(EvidenceText.certificate("CA in kube-root-ca.crt", ca, now));
		Optional<Instant> truncated = kubeletNotAfters(evidence)
			.filter((notAfter) -> Duration.between(notAfter, ca.notAfter()).abs().compareTo(TRUNCATION_SLACK) <= 0)
			.findFirst();
		truncated.ifPresent((notAfter) -> lines.add("A kubelet certificate of the node ends at " + notAfter
				+ ", the CA's own NotAfter: the signer is already cutting certificates short"));
		boolean signerUsesIt = truncated.isPresent()
				|| evidence.get(CertificateAuthorityFacts.class)
					.map((facts) -> Boolean.TRUE.equals(facts.servingChainsToBundle()))
					.orElse(false)
				|| SignerCa.usesBundle(evidence, CsrRecord.KUBELET_CLIENT_SIGNER).orElse(false)
				|| SignerCa.usesBundle(evidence, CsrRecord.KUBELET_SERVING_SIGNER).orElse(false);
		Grounds grounds = Grounds.observed("the CA's NotAfter within " + WARNING.toDays() + " days")
			.excluding("the kubelet signers using another CA, which would not cut kubelet certificates short",
					signerUsesIt, "no kubelet certificate seen chains to it or ends with it, and "
							+ SignerCa.NO_RECENT_ISSUE);
		lines.addAll(grounds.lines());
		return Optional.of(new Finding(RootCauseCode.CA_EXPIRING, "Cluster CA expiring",
				grounds.confidence(),
				"The cluster CA " + EvidenceText.expiry(ca.notAfter(), now) + " (NotAfter " + ca.notAfter()
						+ "). Kubelet certificates of " + evidence.node() + " and every other node signed from now on"
						+ " end at that moment, and once it passes no node can authenticate. Plan the CA rotation now.",
				lines, CaBundle.refutedBy(), CaBundle.remediation()));
	}

	private static Stream<Instant> kubeletNotAfters(Evidence evidence) {
		Stream<CertificateInfo> served = evidence.get(KubeletEndpointFacts.class)
			.map(KubeletEndpointFacts::servingCertificate)
			.stream();
		Stream<Instant> observed = Stream.concat(served, evidence.certificates().stream().map(ObservedCertificate::info))
			.filter((info) -> !info.selfSigned() && !info.certificateAuthority())
			.map(CertificateInfo::notAfter);
		Stream<Instant> issued = evidence.get(CertificateRequestFacts.class)
			.map((facts) -> facts.withCondition(CsrCondition.ISSUED).stream().map(CsrRecord::issuedNotAfter))
			.orElseGet(Stream::empty)
			.filter(Objects::nonNull);
		return Stream.concat(observed, issued);
	}

}
