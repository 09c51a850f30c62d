package io.kubeletdoctor.scenario.field;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.kubeletdoctor.demo.KubeletJournal;
import io.kubeletdoctor.scenario.KubeletLog;

/**
 * A kubelet journal told in order: the certificate-manager lines {@link KubeletLog} words for each
 * version, and the few lines the field reports quote beyond them (a CSR issued, rotation detected,
 * the expired-certificate watchdog, the TLS handshake error of a kubelet without serving
 * certificate), worded as the kubelet of that version writes them.
 */
final class FieldJournal {

	private final String node;

	private final String version;

	private final int minor;

	private final List<String> lines = new ArrayList<>();

	private FieldJournal(String node, String version) {
		this.node = node;
		this.version = version;
		this.minor = Integer.parseInt(version.replaceFirst("v?1\\.(\\d+)\\..*", "$1"));
	}

	static FieldJournal of(String node, String version) {
		return new FieldJournal(node, version);
	}

	/** Lines of the certificate manager, e.g. {@code log -> log.rotating(at, signer)}. */
	FieldJournal log(UnaryOperator<KubeletLog> lines) {
		this.lines.addAll(List.of(lines.apply(KubeletLog.of(this.node, this.version)).lines()));
		return this;
	}

	/** V(2) from csr.go: the CSR carries its certificate now. */
	FieldJournal issued(Instant at, String signer, String csr) {
		if (this.minor >= 33) {
			return line(at, 'I', "csr.go:271",
					"\"Certificate signing request is issued\" csr=\"" + csr + "\" logger=\"" + signer + "\"");
		}
		return line(at, 'I', "csr.go:271", "certificate signing request " + csr + " is issued");
	}

	/** V(2) from csr.go since 1.36: the CSR was created. */
	FieldJournal created(Instant at, String signer, String csr) {
		return line(at, 'I', "csr.go:113",
				"\"Certificate signing request created\" csr=\"" + csr + "\" logger=\"" + signer + "\"");
	}

	/** The transport closes its connections to use a new client certificate. */
	FieldJournal rotationDetected(Instant at) {
		String text = "ertificate rotation detected, shutting down client connections to start using new credentials";
		return line(at, 'I', "transport.go:87", (this.minor >= 21) ? "\"C" + text + "\"" : "c" + text);
	}

	/** The watchdog's complaint when the client certificate expired and the API server cannot be reached. */
	FieldJournal clientExpiredServerUnresponsive(Instant at) {
		String text = "The currently active client certificate has expired, but the server is not responsive. A restart "
				+ "may be necessary to retrieve new initial credentials.";
		return line(at, 'E', "transport.go:113", (this.minor >= 21) ? "\"" + text + "\"" : text);
	}

	/** Go's net/http, through klog, when a client connects before a serving certificate exists. */
	FieldJournal noServingCertificate(Instant at, String client) {
		return line(at, 'I', "log.go:245",
				"http: TLS handshake error from " + client + ": no serving certificate available for the kubelet");
	}

	FieldJournal line(Instant at, char severity, String source, String text) {
		this.lines.add(KubeletJournal.line(at, this.node, severity, source, text));
		return this;
	}

	String[] lines() {
		return this.lines.toArray(String[]::new);
	}

}
