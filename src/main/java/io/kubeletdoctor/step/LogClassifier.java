package io.kubeletdoctor.step;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import io.kubeletdoctor.diagnosis.LogSignal;

/**
 * Names what a kubelet log line about certificates means, whichever kubelet version wrote it: plain
 * text up to 1.21, a {@code kubernetes.io/<signer>: } prefix from 1.22, the same wrapped in
 * {@code "Unhandled Error" err="..."} in 1.31 and 1.32, structured messages with the signer as the
 * logger name from 1.33. Every version keeps the message words, so matching is on text anywhere in
 * the line, case-insensitive. Order matters: a line names its most specific cause first (a backoff
 * line ends in "timed out waiting for the condition" too, a failed CSR create carries the x509 or
 * RBAC error that caused it).
 */
final class LogClassifier {

	private static final List<Rule> RULES = List.of(
			// transport watchdog: the kubelet is about to exit (or should be restarted)
			rule(LogSignal.NO_VALID_CLIENT_CERTIFICATE, has("no valid client certificate is found")
				.or(has("since a valid client cert was found"))),
			rule(LogSignal.CLIENT_CERTIFICATE_EXPIRED, has("the currently active client certificate has expired")),
			rule(LogSignal.NO_SERVING_CERTIFICATE, has("no serving certificate available for the kubelet")),
			rule(LogSignal.BACKOFF_LIMIT_REACHED, has("reached backoff limit")),
			rule(LogSignal.CSR_CREATE_FORBIDDEN,
					has("cannot create resource").and(has("certificatesigningrequests"))
						.or(has("certificatesigningrequests.certificates.k8s.io is forbidden"))
						.or(has("can only create a node csr with cn="))),
			rule(LogSignal.CSR_CREATE_UNAUTHORIZED, hasExact("Unauthorized").and(csrLine())),
			rule(LogSignal.API_UNAUTHORIZED, hasExact("Unauthorized").and(statusOrLeaseLine())),
			rule(LogSignal.CSR_DENIED, has("certificate signing request is denied")),
			rule(LogSignal.CSR_FAILED, has("certificate signing request failed")),
			rule(LogSignal.CSR_NOT_SIGNED_TIMEOUT,
					has("certificate request was not signed").and(has("timed out waiting for the condition"))),
			rule(LogSignal.CERTIFICATE_NOT_YET_VALID,
					has("certificate has expired or is not yet valid").and(has(" is before "))),
			// Go before 1.16 printed no detail; expired is by far the likelier reading
			rule(LogSignal.CERTIFICATE_EXPIRED, has("certificate has expired or is not yet valid")),
			rule(LogSignal.UNKNOWN_AUTHORITY, has("signed by unknown authority")),
			rule(LogSignal.CSR_CREATE_FAILED, has("failed while requesting a signed certificate")),
			rule(LogSignal.CURRENT_CERTIFICATE_EXPIRED, has("current certificate is expired")),
			rule(LogSignal.ROTATION_NOT_ENABLED, has("certificate rotation is not enabled")));

	private LogClassifier() {
	}

	static Optional<LogSignal> classify(String line) {
		Line candidate = new Line(line, line.toLowerCase(Locale.ROOT));
		return RULES.stream().filter((rule) -> rule.matches().test(candidate)).map(Rule::signal).findFirst();
	}

	private static Rule rule(LogSignal signal, Predicate<Line> matches) {
		return new Rule(signal, matches);
	}

	private static Predicate<Line> has(String lowercaseText) {
		return (line) -> line.lower().contains(lowercaseText);
	}

	private static Predicate<Line> hasExact(String text) {
		return (line) -> line.text().contains(text);
	}

	/** "Unauthorized" alone appears on every API call with a rejected certificate; only CSR lines count. */
	private static Predicate<Line> csrLine() {
		return has("certificate signing request").or(has("signed certificate")).or(has("certificatesigningrequests"));
	}

	/** The kubelet's heartbeats: node status updates and Lease renewals. */
	private static Predicate<Line> statusOrLeaseLine() {
		return has("node status").or(has("updating node")).or(has("update lease")).or(has("ensure lease"));
	}

	private record Line(String text, String lower) {
	}

	private record Rule(LogSignal signal, Predicate<Line> matches) {
	}

}
