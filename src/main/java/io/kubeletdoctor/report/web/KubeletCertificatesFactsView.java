package io.kubeletdoctor.report.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * kubelet-certificates: the TLS handshake, the serving certificate, the rotation settings from
 * /configz and the certificate metrics; the listing says what could not be read.
 */
final class KubeletCertificatesFactsView implements StepFactsView {

	@Override
	public void describe(StepFacts facts, StepLines lines, ReportFormatter fmt) {
		lines.listingTitle("Not read");
		String endpoint = facts.text("endpoint");
		String reachability = facts.text("reachability");
		if (endpoint != null) {
			String error = facts.text("handshakeError");
			lines.detail("TLS handshake", endpoint + ": " + words(reachability) + ((error != null) ? " (" + error + ")" : ""),
					"TLS_OK".equals(reachability) ? "ok" : "bad");
		}
		servingCertificate(facts, lines, fmt);
		onOff(lines, "rotateCertificates", facts.get("rotateCertificates"), "warn");
		onOff(lines, "serverTLSBootstrap", facts.get("serverTLSBootstrap"), null);
		clientTtl(facts, lines);
		renewErrors(lines, "Client renew errors", facts.number("clientRenewErrors"));
		renewErrors(lines, "Serving renew errors", facts.number("serverRenewErrors"));
		facts.strings("notRead").forEach((line) -> lines.item(null, null, line, false));
	}

	private static void servingCertificate(StepFacts facts, StepLines lines, ReportFormatter fmt) {
		String servingNotAfter = facts.text("servingNotAfter");
		if (servingNotAfter == null) {
			return;
		}
		String issuer = facts.text("servingIssuer");
		boolean selfGenerated = facts.isTrue("servingSelfGenerated");
		lines.detail("Serving certificate",
				facts.text("servingSubject") + ((issuer != null) ? ", issued by " + issuer : "")
						+ (selfGenerated ? " (self-generated kubelet.crt, never rotated)" : ""),
				null);
		Instant notAfter = instant(servingNotAfter);
		if (notAfter != null) {
			lines.detail("Serving NotAfter", fmt.timestamp(notAfter) + ", " + fmt.expiry(notAfter),
					fmt.expired(notAfter) ? "bad" : null);
		}
	}

	private static void clientTtl(StepFacts facts, StepLines lines) {
		if ("+Inf".equals(facts.get("clientTtlSeconds"))) {
			// the kubelet reports +Inf when it holds no valid client certificate at all
			lines.detail("Client certificate TTL (metrics)", "+Inf: no valid client certificate", "bad");
		}
		Long clientTtl = facts.number("clientTtlSeconds");
		if (clientTtl != null) {
			lines.detail("Client certificate TTL (metrics)",
					(clientTtl < 0) ? "expired " + StepFacts.span(-clientTtl) + " ago" : StepFacts.span(clientTtl),
					(clientTtl < 0) ? "bad" : null);
		}
	}

	private static void onOff(StepLines lines, String label, @Nullable Object value, @Nullable String toneWhenOff) {
		if (value instanceof Boolean on) {
			lines.detail(label, on ? "on" : "off", on ? null : toneWhenOff);
		}
	}

	private static void renewErrors(StepLines lines, String label, @Nullable Long count) {
		if (count != null) {
			lines.detail(label, String.valueOf(count), (count > 0) ? "warn" : null);
		}
	}

	/** TLS_OK reads "TLS OK"; the other reachability names read as words. */
	private static String words(@Nullable String reachability) {
		if (reachability == null) {
			return "unknown";
		}
		return "TLS_OK".equals(reachability) ? "TLS OK" : reachability.toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	private static @Nullable Instant instant(String value) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
