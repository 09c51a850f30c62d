package io.kubeletdoctor.report.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.kubeletdoctor.diagnosis.stepfacts.KubeletCertificatesStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.MetricValue;
import org.jspecify.annotations.Nullable;

/**
 * kubelet-certificates: the TLS handshake, the serving certificate, the rotation settings from
 * /configz and the certificate metrics; the listing says what could not be read.
 */
final class KubeletCertificatesFactsView {

	private static final String TLS_OK = "TLS_OK";

	private KubeletCertificatesFactsView() {
	}

	static void describe(KubeletCertificatesStepFacts facts, StepLines lines, ReportFormatter fmt) {
		lines.listingTitle("Not read");
		String error = facts.handshakeError();
		lines.detail("TLS handshake",
				facts.endpoint() + ": " + words(facts.reachability()) + ((error != null) ? " (" + error + ")" : ""),
				TLS_OK.equals(facts.reachability()) ? "ok" : "bad");
		KubeletCertificatesStepFacts.Serving serving = facts.serving();
		if (serving != null) {
			servingCertificate(serving, lines, fmt);
		}
		if (facts.kubeletAccess() != null) {
			lines.detail("Kubelet read", facts.kubeletAccess(), null);
		}
		onOff(lines, "rotateCertificates", facts.rotateCertificates(), "warn");
		onOff(lines, "serverTLSBootstrap", facts.serverTLSBootstrap(), null);
		clientTtl(facts.clientTtlSeconds(), lines);
		renewErrors(lines, "Client renew errors", facts.clientRenewErrors());
		renewErrors(lines, "Serving renew errors", facts.serverRenewErrors());
		if (facts.notRead() != null) {
			facts.notRead().forEach((line) -> lines.item(null, null, line, false));
		}
	}

	private static void servingCertificate(KubeletCertificatesStepFacts.Serving serving, StepLines lines,
			ReportFormatter fmt) {
		String issuer = serving.issuer();
		lines.detail("Serving certificate",
				serving.subject() + ((issuer != null) ? ", issued by " + issuer : "")
						+ (Boolean.TRUE.equals(serving.selfGenerated()) ? " (self-generated kubelet.crt, never rotated)" : ""),
				null);
		Instant notAfter = instant(serving.notAfter());
		if (notAfter != null) {
			lines.detail("Serving NotAfter", fmt.timestamp(notAfter) + ", " + fmt.expiry(notAfter),
					fmt.expired(notAfter) ? "bad" : null);
		}
	}

	private static void clientTtl(@Nullable MetricValue ttl, StepLines lines) {
		if (ttl == null) {
			return;
		}
		if (ttl.positiveInfinity()) {
			// the kubelet reports +Inf when it holds no valid client certificate at all
			lines.detail("Client certificate TTL (metrics)", "+Inf: no valid client certificate", "bad");
		}
		else if (ttl.finite()) {
			long seconds = ttl.whole();
			lines.detail("Client certificate TTL (metrics)",
					(seconds < 0) ? "expired " + Ages.ago(-seconds) : Ages.span(seconds), (seconds < 0) ? "bad" : null);
		}
	}

	private static void onOff(StepLines lines, String label, @Nullable Boolean on, @Nullable String toneWhenOff) {
		if (on != null) {
			lines.detail(label, on ? "on" : "off", on ? null : toneWhenOff);
		}
	}

	private static void renewErrors(StepLines lines, String label, @Nullable MetricValue count) {
		if (count != null && count.finite()) {
			lines.detail(label, String.valueOf(count.whole()), (count.whole() > 0) ? "warn" : null);
		}
	}

	/** TLS_OK reads "TLS OK"; the other reachability names read as words. */
	private static String words(String reachability) {
		return TLS_OK.equals(reachability) ? "TLS OK" : reachability.toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	private static @Nullable Instant instant(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
