package io.kubeletdoctor.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeletdoctor.demo.KubeletJournal;

/**
 * A kubelet's certificate log lines, worded as the kubelet of the given version writes them: plain
 * text up to 1.21 ("from the master"), a {@code <signer>: } prefix from 1.22, error lines wrapped in
 * {@code "Unhandled Error" err="..."} in 1.31 and 1.32, structured messages with the signer as the
 * logger name from 1.33. Each call appends one journal line; times are the node's.
 */
public final class KubeletLog {

	public static final String CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";

	public static final String SERVING_SIGNER = "kubernetes.io/kubelet-serving";

	public static final String TIMED_OUT = "timed out waiting for the condition";

	private static final Pattern MINOR = Pattern.compile("v?1\\.(\\d+)\\..*");

	enum Wording {

		PLAIN, PREFIXED, UNHANDLED_ERROR, STRUCTURED

	}

	private final String node;

	private final int minor;

	private final Wording wording;

	private final List<String> lines = new ArrayList<>();

	private KubeletLog(String node, int minor) {
		this.node = node;
		this.minor = minor;
		this.wording = wording(minor);
	}

	public static KubeletLog of(String node, String kubeletVersion) {
		Matcher matcher = MINOR.matcher(kubeletVersion);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a kubelet version: " + kubeletVersion);
		}
		return new KubeletLog(node, Integer.parseInt(matcher.group(1)));
	}

	private static Wording wording(int minor) {
		if (minor <= 21) {
			return Wording.PLAIN;
		}
		if (minor <= 30) {
			return Wording.PREFIXED;
		}
		return (minor <= 32) ? Wording.UNHANDLED_ERROR : Wording.STRUCTURED;
	}

	/** V(2): a rotation attempt starts. */
	public KubeletLog rotating(Instant at, String signer) {
		return info(at, "certificate_manager.go:356", message(signer, "Rotating certificates"));
	}

	/** V(2): the certificate manager sleeps until the rotation deadline. */
	public KubeletLog waitingForRotation(Instant at, String signer, Duration sleep) {
		String go = sleep.toHours() + "h" + sleep.toMinutesPart() + "m" + sleep.toSecondsPart() + "s";
		switch (this.wording) {
			case PLAIN:
				return info(at, "certificate_manager.go:318", "Waiting " + go + " for next certificate rotation");
			case STRUCTURED:
				return info(at, "certificate_manager.go:356", "\"Waiting for next certificate rotation\" logger=\""
						+ signer + "\" sleep=\"" + go + "\"");
			default:
				return info(at, "certificate_manager.go:356", signer + ": Waiting " + go + " for next certificate rotation");
		}
	}

	/** V(2): the certificate manager found its current certificate expired (with a trailing dot up to 1.21). */
	public KubeletLog currentCertificateExpired(Instant at, String signer) {
		String text = (this.wording == Wording.PLAIN) ? "Current certificate is expired." : "Current certificate is expired";
		return info(at, "certificate_manager.go:354", message(signer, text));
	}

	/** Creating the CSR failed; {@code cause} is what the API call returned. */
	public KubeletLog requestFailed(Instant at, String signer, String cause) {
		String master = (this.wording == Wording.PLAIN) ? "the master" : "the control plane";
		return error(at, "certificate_manager.go:562", signer, "Failed while requesting a signed certificate from "
				+ master, cause);
	}

	/** The CSR was not issued: denied, failed, or {@link #TIMED_OUT} after 15 minutes. */
	public KubeletLog notSigned(Instant at, String signer, String cause) {
		String text = (this.wording == Wording.STRUCTURED) ? "Certificate request was not signed"
				: "certificate request was not signed";
		return error(at, "certificate_manager.go:596", signer, text, cause);
	}

	/** V(2) from csr.go: approved, waiting for the signer. */
	public KubeletLog approvedWaiting(Instant at, String signer, String csr) {
		if (this.wording == Wording.STRUCTURED) {
			return info(at, "csr.go:261", "\"Certificate signing request is approved, waiting to be issued\" csr=\""
					+ csr + "\" logger=\"" + signer + "\"");
		}
		return info(at, "csr.go:261", "certificate signing request " + csr + " is approved, waiting to be issued");
	}

	/**
	 * The transport watchdog, five minutes after the client certificate stopped being valid: it exits
	 * when the API server answered the last CSR attempt (401 or 403), otherwise asks for a restart.
	 */
	public KubeletLog noValidClientCertificate(Instant at, boolean serverResponsive, Instant lastValid) {
		if (this.wording == Wording.PLAIN) {
			String text = serverResponsive
					? "It has been 5m0s since a valid client cert was found and the server is responsive, exiting."
					: "It has been 5m0s since a valid client cert was found, but the server is not responsive. A "
							+ "restart may be necessary to retrieve new initial credentials.";
			return line(at, serverResponsive ? 'F' : 'E', "transport.go:132", text);
		}
		String text = serverResponsive ? "No valid client certificate is found and the server is responsive, exiting."
				: "No valid client certificate is found but the server is not responsive. A restart may be "
						+ "necessary to retrieve new initial credentials.";
		return line(at, 'E', "transport.go:123", "\"" + text + "\" lastCertificateAvailabilityTime=\""
				+ lastValid.truncatedTo(ChronoUnit.SECONDS) + "\" shutdownThreshold=\"5m0s\"");
	}

	/**
	 * The status loop failing, e.g. on TLS to the API server; printf-style up to 1.20, structured once
	 * the kubelet moved to structured logging in 1.21.
	 */
	public KubeletLog nodeStatusFailed(Instant at, String cause) {
		String error = "error getting node \"" + this.node + "\": " + cause;
		if (this.minor <= 20) {
			return line(at, 'E', "kubelet_node_status.go:470", "Error updating node status, will retry: " + error);
		}
		return line(at, 'E', "kubelet_node_status.go:540", "\"Error updating node status, will retry\" err=\""
				+ quoted(error) + "\"");
	}

	/** The Lease controller failing to renew the node's Lease, structured since 1.21. */
	public KubeletLog leaseUpdateFailed(Instant at, String cause) {
		return line(at, 'E', "controller.go:145", "\"Failed to ensure lease exists, will retry\" err=\"" + quoted(cause)
				+ "\" interval=\"7s\"");
	}

	/** A 403 from RBAC as the API server words it, for {@code user} creating a CSR. */
	public static String csrForbidden(String user) {
		return "cannot create certificate signing request: certificatesigningrequests.certificates.k8s.io is "
				+ "forbidden: User \"" + user + "\" cannot create resource \"certificatesigningrequests\" in API group "
				+ "\"certificates.k8s.io\" at the cluster scope";
	}

	/** Go's x509 validity error at {@code now} for a certificate valid from {@code notBefore} to {@code notAfter}. */
	public static String x509Validity(Instant now, Instant notBefore, Instant notAfter) {
		boolean early = now.isBefore(notBefore);
		return "x509: certificate has expired or is not yet valid: current time " + seconds(now)
				+ (early ? " is before " + seconds(notBefore) : " is after " + seconds(notAfter));
	}

	public String[] lines() {
		return this.lines.toArray(String[]::new);
	}

	private KubeletLog info(Instant at, String source, String text) {
		return line(at, 'I', source, text);
	}

	/** How each version reports an error the certificate manager handed to HandleError. */
	private KubeletLog error(Instant at, String source, String signer, String text, String cause) {
		switch (this.wording) {
			case PLAIN:
				return line(at, 'E', source, text + ": " + cause);
			case PREFIXED:
				return line(at, 'E', source, signer + ": " + text + ": " + cause);
			case UNHANDLED_ERROR:
				return line(at, 'E', source, "\"Unhandled Error\" err=\"" + quoted(signer + ": " + text + ": " + cause)
						+ "\" logger=\"UnhandledError\"");
			default:
				return line(at, 'E', source, "\"" + text + "\" err=\"" + quoted(cause) + "\" logger=\"" + signer
						+ "/UnhandledError\"");
		}
	}

	private String message(String signer, String text) {
		switch (this.wording) {
			case PLAIN:
				return text;
			case STRUCTURED:
				return "\"" + text + "\" logger=\"" + signer + "\"";
			default:
				return signer + ": " + text;
		}
	}

	private KubeletLog line(Instant at, char severity, String source, String text) {
		this.lines.add(KubeletJournal.line(at, this.node, severity, source, text));
		return this;
	}

	/** klog quotes string values as Go's %q does. */
	private static String quoted(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	private static String seconds(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

}
