package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.pki.CertificateInfo;

/**
 * Turns facts into the sentences of a finding: spans of time in human terms ("expired 3 days ago",
 * "expires in 41 hours") and one concrete line per certificate, CSR or log line.
 */
final class EvidenceText {

	/** Fits a kubelet error line with its wrapped causes: journald and klog headers alone take about 110. */
	static final int MAX_LOG_LINE = 600;

	/** What is kept of the start of a longer line: the headers (time, severity, source) and the message. */
	private static final int LOG_LINE_HEAD = 200;

	/** Stuck CSRs pile up one every 15 minutes; five show the pattern. */
	private static final int MAX_CSRS = 5;

	private EvidenceText() {
	}

	static String span(Duration duration) {
		return TimeSpan.of(duration);
	}

	static String ago(Duration age) {
		return TimeSpan.ago(age);
	}

	static String expiry(Instant notAfter, Instant now) {
		return TimeSpan.expiry(notAfter, now);
	}

	static String certificate(String what, CertificateInfo info, Instant now) {
		String origin = info.selfSigned() ? "self-signed" : "issued by " + info.issuer();
		return what + ": subject " + info.subject() + ", " + origin + ", NotAfter " + info.notAfter() + " ("
				+ expiry(info.notAfter(), now) + ")";
	}

	static String csr(CsrRecord csr) {
		StringBuilder line = new StringBuilder("CSR ").append(csr.name())
			.append(" (")
			.append(csr.signerName())
			.append(") from ")
			.append((csr.username() != null) ? csr.username() : "an unknown requester")
			.append(", ")
			.append(csr.condition().name().toLowerCase(Locale.ROOT).replace('_', ' '))
			.append(", created ")
			.append(ago(csr.age()));
		if (!csr.sans().isEmpty()) {
			line.append(", SANs ").append(String.join(", ", csr.sans()));
		}
		if (csr.reason() != null) {
			line.append(", reason ").append(csr.reason());
		}
		if (csr.message() != null) {
			line.append(", message \"").append(csr.message()).append('"');
		}
		return line.toString();
	}

	static String log(KubeletLogFacts.Line line) {
		String text = line.text().strip();
		if (text.length() > MAX_LOG_LINE) {
			// Go wraps errors outer to inner, so the root cause ("current time ... is before ...") comes last
			text = text.substring(0, LOG_LINE_HEAD) + "..."
					+ text.substring(text.length() - (MAX_LOG_LINE - LOG_LINE_HEAD));
		}
		return "Kubelet log: \"" + text + "\"";
	}

	/** The first {@code max} lines quoted, so a log storm does not drown the other evidence. */
	static List<String> logs(List<KubeletLogFacts.Line> lines, int max) {
		return lines.stream().limit(max).map(EvidenceText::log).toList();
	}

	/** The first five CSRs, one line each, then how many more {@code kind} CSRs there are. */
	static List<String> csrs(List<CsrRecord> csrs, String kind) {
		List<String> lines = new ArrayList<>(csrs.stream().limit(MAX_CSRS).map(EvidenceText::csr).toList());
		if (csrs.size() > MAX_CSRS) {
			lines.add((csrs.size() - MAX_CSRS) + " more " + kind + " CSRs");
		}
		return lines;
	}

	static String names(List<CsrRecord> csrs) {
		return String.join(", ", csrs.stream().map(CsrRecord::name).toList());
	}

}
