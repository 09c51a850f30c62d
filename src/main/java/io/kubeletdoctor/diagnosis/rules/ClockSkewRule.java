package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Grounds;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.ObservedCertificate;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.pki.CertificateInfo;
import org.springframework.stereotype.Component;

/**
 * A clock disagrees with certificate validity: the kubelet rejects certificates as "not yet valid",
 * or as expired while they are valid by this service's clock, or a certificate seen here starts in
 * the future by this service's clock. The kubelet's x509 errors also carry its own current time: one
 * after this service's clock shows the node's clock ahead. Lines that only a wrong clock explained
 * are history once the clocks agree again (see {@link History}).
 */
@Component
class ClockSkewRule implements DiagnosisRule {

	/** Sub-minute differences are ordinary; Kubernetes signers backdate NotBefore by five minutes anyway. */
	private static final Duration TOLERANCE = Duration.ofMinutes(1);

	@Override
	public Optional<Finding> evaluate(Evidence evidence) {
		Instant now = evidence.now();
		KubeletLogFacts present = History.presentLogs(evidence).orElse(new KubeletLogFacts(List.of()));
		List<KubeletLogFacts.Line> logs = present.of(LogSignal.CERTIFICATE_NOT_YET_VALID);
		List<KubeletLogFacts.Line> expiredByNodeClock = present.of(LogSignal.CERTIFICATE_EXPIRED)
			.stream()
			.filter((line) -> X509Validity.of(line).map((validity) -> validity.validAt(now)).orElse(false))
			.toList();
		Optional<X509Validity> ahead = NodeClock.ahead(present, now);
		List<CertificateInfo> early = certificates(evidence).stream()
			.filter((info) -> info.isNotYetValidAt(now.plus(TOLERANCE)))
			.toList();
		if (logs.isEmpty() && expiredByNodeClock.isEmpty() && early.isEmpty()) {
			return Optional.empty();
		}
		List<String> lines = new ArrayList<>(EvidenceText.logs(logs, 3));
		lines.addAll(EvidenceText.logs(expiredByNodeClock, 2));
		expiredByNodeClock.stream().findFirst().flatMap(X509Validity::of).ifPresent((validity) -> lines.add(
				"The certificate the kubelet calls expired is valid by this service's clock: NotAfter "
						+ validity.bound() + " (" + EvidenceText.expiry(validity.bound(), now) + ")"));
		ahead.ifPresent((validity) -> lines.add(NodeClock.describe(validity, now)));
		early.forEach((info) -> lines.add("Not yet valid by this service's clock: subject " + info.subject()
				+ ", NotBefore " + info.notBefore() + " (starts in " + EvidenceText.span(
						Duration.between(now, info.notBefore())) + ")"));
		// Observed when the kubelet's own errors speak of a clock (not yet valid, or expired while valid here),
		// or a certificate starts in the future by this clock. The alternative is a certificate really outside
		// its validity: ruled out by a second reading that compares clocks, not certificates.
		boolean kubeletSaysSo = !logs.isEmpty() || !expiredByNodeClock.isEmpty();
		Grounds grounds = Grounds.observed(kubeletSaysSo ? "the kubelet's x509 validity errors"
				: "a certificate starting in the future by this service's clock");
		if (kubeletSaysSo) {
			grounds.excluding("a certificate really outside its validity", ahead.isPresent() || !early.isEmpty()
					|| !expiredByNodeClock.isEmpty(), "only the kubelet's reading of the certificate's dates is seen");
		}
		else {
			grounds.excludingBy(evidence, Steps.KUBELET_LOGS, "a signer whose clock runs ahead, while the node's is right",
					false);
		}
		lines.addAll(grounds.lines());
		String node = evidence.node();
		String what = !logs.isEmpty() ? "the kubelet rejects certificates as not yet valid"
				: !expiredByNodeClock.isEmpty() ? "the kubelet rejects certificates as expired that are valid by the"
						+ " control plane's clock" + ahead.map((validity) -> ", its clock running "
								+ EvidenceText.span(Duration.between(now, validity.nodeTime())) + " ahead").orElse("")
				: "a certificate of the node starts in the future by this service's clock";
		return Optional.of(new Finding(RootCauseCode.CLOCK_SKEW, "Clock skew", grounds.confidence(),
				"Clocks disagree on " + node + ": " + what + ". A node clock behind the control plane makes freshly"
						+ " issued certificates look not yet valid, one ahead makes valid ones look expired; TLS to"
						+ " and from the kubelet fails either way until the clocks agree.",
				lines,
				"timedatectl on " + node + " and on the control-plane nodes showing synchronised clocks within"
						+ " seconds of each other.",
				List.of(new Remediation("On the node: check the clock and turn on time synchronisation",
						List.of("timedatectl status", "chronyc tracking", "sudo timedatectl set-ntp true")),
						new Remediation("On each control-plane node: compare the clock with the node's",
								List.of("date -u", "timedatectl status")),
						new Remediation("On the node: restart the kubelet once the clock is right",
								List.of(Commands.RESTART_KUBELET)))));
	}

	/** Every certificate seen, once each: the served chain, the observed ones and the CA bundle. */
	private static List<CertificateInfo> certificates(Evidence evidence) {
		Map<String, CertificateInfo> bySerial = new LinkedHashMap<>();
		evidence.get(KubeletEndpointFacts.class)
			.ifPresent((endpoint) -> endpoint.servingChain().forEach((info) -> bySerial.putIfAbsent(key(info), info)));
		evidence.certificates().stream().map(ObservedCertificate::info)
			.forEach((info) -> bySerial.putIfAbsent(key(info), info));
		evidence.get(CertificateAuthorityFacts.class)
			.ifPresent((authority) -> authority.bundle().forEach((info) -> bySerial.putIfAbsent(key(info), info)));
		return List.copyOf(bySerial.values());
	}

	private static String key(CertificateInfo info) {
		return info.issuer() + "#" + info.serialNumber();
	}

}
