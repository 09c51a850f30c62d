package io.kubeletdoctor.report.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.report.StepOutcome;
import org.jspecify.annotations.Nullable;

/**
 * Reads the facts each step of io.kubeletdoctor.step stores and turns the important ones into
 * words: node conditions and Lease age, events, classified log lines, CSR counts, the CA and the
 * RBAC checks. A step this class does not know keeps only its raw facts. Ages in facts are as of
 * the diagnosis, which is what the page says.
 */
final class StepViews {

	/** "5 minutes ago NodeNotReady (x2) [node-controller]: message", as the events step writes it. */
	private static final Pattern EVENT = Pattern.compile("^(\\S.*? ago|\\?) (\\S+)(.*)$");

	/** "CSR_DENIED: text", as the logs step writes its newest lines. */
	private static final Pattern LOG_LINE = Pattern.compile("^([A-Z_]+): (.*)$", Pattern.DOTALL);

	private static final Set<String> BAD_EVENTS = Set.of("NodeNotReady", "KubeletSetupFailed", "Rebooted",
			"Shutdown", "RemovingNode", "DeletingNode");

	private StepViews() {
	}

	static List<StepView> of(List<StepOutcome> steps, ReportFormatter fmt) {
		return steps.stream().map((step) -> of(step, fmt)).toList();
	}

	static StepView of(StepOutcome step, ReportFormatter fmt) {
		Map<String, Object> facts = step.facts();
		List<StepView.Detail> details = new ArrayList<>();
		List<StepView.Item> items = new ArrayList<>();
		String listing = null;
		switch (step.id()) {
			case "node-status":
				nodeStatus(facts, details);
				break;
			case "node-events":
				nodeEvents(facts, details, items);
				listing = "Relevant events, newest first";
				break;
			case "kubelet-certificates":
				kubeletCertificates(facts, details, items, fmt);
				listing = "Not read";
				break;
			case "kubelet-logs":
				kubeletLogs(facts, details, items);
				listing = "Newest classified log lines";
				break;
			case "certificate-requests":
				certificateRequests(facts, details, items);
				listing = "Requests";
				break;
			case "certificate-authority":
				certificateAuthority(facts, details, items);
				listing = "CA bundle";
				break;
			case "rbac":
				rbac(facts, details, items);
				listing = "Checks";
				break;
			default:
				break;
		}
		return new StepView(step, details, items.isEmpty() ? null : listing, items);
	}

	private static void nodeStatus(Map<String, Object> facts, List<StepView.Detail> details) {
		if (Boolean.FALSE.equals(facts.get("found"))) {
			details.add(new StepView.Detail("Node", "not found in the cluster", "bad"));
			return;
		}
		String ready = text(facts.get("readyStatus"));
		if (ready != null) {
			String reason = text(facts.get("readyReason"));
			String message = text(facts.get("readyMessage"));
			String value = ready + ((reason != null) ? " (" + reason + ")" : "") + ((message != null) ? ": " + message : "");
			details.add(new StepView.Detail("Ready condition", value, "True".equals(ready) ? "ok" : "bad"));
		}
		else {
			details.add(new StepView.Detail("Ready condition", "not reported", "warn"));
		}
		Long heartbeat = number(facts.get("heartbeatAgeSeconds"));
		if (heartbeat != null) {
			details.add(new StepView.Detail("Last heartbeat", ago(heartbeat), null));
		}
		Long lease = number(facts.get("leaseAgeSeconds"));
		if (lease != null) {
			boolean stale = Boolean.TRUE.equals(facts.get("leaseStale"));
			Long duration = number(facts.get("leaseDurationSeconds"));
			String value = "renewed " + ago(lease) + ((duration != null) ? " (lease duration " + span(duration) + ")" : "")
					+ (stale ? ": stale, the kubelet is not reaching the API server" : "");
			details.add(new StepView.Detail("Node Lease", value, stale ? "bad" : "ok"));
		}
		else {
			String error = text(facts.get("leaseError"));
			details.add(new StepView.Detail("Node Lease", (error != null) ? "not readable: " + error
					: "none in kube-node-lease", "warn"));
		}
		add(details, "Kubelet version", text(facts.get("kubeletVersion")));
		String address = text(facts.get("address"));
		Long port = number(facts.get("kubeletPort"));
		if (address != null || port != null) {
			details.add(new StepView.Detail("Kubelet endpoint",
					((address != null) ? address : "no address") + ":" + ((port != null) ? port : "no port"),
					(address == null || port == null) ? "bad" : null));
		}
		List<String> taints = strings(facts.get("taints"));
		if (!taints.isEmpty()) {
			details.add(new StepView.Detail("Taints", String.join(", ", taints), null));
		}
	}

	private static void nodeEvents(Map<String, Object> facts, List<StepView.Detail> details,
			List<StepView.Item> items) {
		Long total = number(facts.get("eventCount"));
		Long relevant = number(facts.get("relevantCount"));
		if (total != null) {
			details.add(new StepView.Detail("Events", total + " for the node, " + ((relevant != null) ? relevant : 0)
					+ " about readiness or restarts", null));
		}
		Long starts = number(facts.get("kubeletStarts"));
		if (starts != null && starts > 0) {
			details.add(new StepView.Detail("Kubelet starts", String.valueOf(starts), (starts >= 3) ? "warn" : null));
		}
		Long notReady = number(facts.get("lastNotReadySecondsAgo"));
		if (notReady != null) {
			details.add(new StepView.Detail("Last NodeNotReady", ago(notReady), "warn"));
		}
		Long ready = number(facts.get("lastReadySecondsAgo"));
		if (ready != null) {
			details.add(new StepView.Detail("Last NodeReady", ago(ready), null));
		}
		for (String event : strings(facts.get("highlights"))) {
			Matcher matcher = EVENT.matcher(event);
			if (matcher.matches()) {
				String reason = matcher.group(2);
				items.add(new StepView.Item(reason, BAD_EVENTS.contains(reason) ? "bad" : null,
						matcher.group(1) + matcher.group(3), false));
			}
			else {
				items.add(new StepView.Item(null, null, event, false));
			}
		}
	}

	private static void kubeletCertificates(Map<String, Object> facts, List<StepView.Detail> details,
			List<StepView.Item> items, ReportFormatter fmt) {
		String endpoint = text(facts.get("endpoint"));
		String reachability = text(facts.get("reachability"));
		if (endpoint != null) {
			String error = text(facts.get("handshakeError"));
			details.add(new StepView.Detail("TLS handshake", endpoint + ": " + words(reachability)
					+ ((error != null) ? " (" + error + ")" : ""), "TLS_OK".equals(reachability) ? "ok" : "bad"));
		}
		String servingNotAfter = text(facts.get("servingNotAfter"));
		if (servingNotAfter != null) {
			Instant notAfter = instant(servingNotAfter);
			String issuer = text(facts.get("servingIssuer"));
			boolean selfGenerated = Boolean.TRUE.equals(facts.get("servingSelfGenerated"));
			details.add(new StepView.Detail("Serving certificate",
					text(facts.get("servingSubject")) + ((issuer != null) ? ", issued by " + issuer : "")
							+ (selfGenerated ? " (self-generated kubelet.crt, never rotated)" : ""),
					null));
			if (notAfter != null) {
				details.add(new StepView.Detail("Serving NotAfter", fmt.timestamp(notAfter) + ", " + fmt.expiry(notAfter),
						fmt.expired(notAfter) ? "bad" : null));
			}
		}
		bool(details, "rotateCertificates", facts.get("rotateCertificates"), "warn");
		bool(details, "serverTLSBootstrap", facts.get("serverTLSBootstrap"), null);
		Long clientTtl = number(facts.get("clientTtlSeconds"));
		if ("+Inf".equals(facts.get("clientTtlSeconds"))) {
			// the kubelet reports +Inf when it holds no valid client certificate at all
			details.add(new StepView.Detail("Client certificate TTL (metrics)", "+Inf: no valid client certificate",
					"bad"));
		}
		if (clientTtl != null) {
			details.add(new StepView.Detail("Client certificate TTL (metrics)",
					(clientTtl < 0) ? "expired " + span(-clientTtl) + " ago" : span(clientTtl),
					(clientTtl < 0) ? "bad" : null));
		}
		renewErrors(details, "Client renew errors", facts.get("clientRenewErrors"));
		renewErrors(details, "Serving renew errors", facts.get("serverRenewErrors"));
		strings(facts.get("notRead")).forEach((line) -> items.add(new StepView.Item(null, null, line, false)));
	}

	private static void kubeletLogs(Map<String, Object> facts, List<StepView.Detail> details,
			List<StepView.Item> items) {
		Long read = number(facts.get("linesRead"));
		Long classified = number(facts.get("linesClassified"));
		String since = text(facts.get("sinceTime"));
		if (read != null) {
			details.add(new StepView.Detail("Lines", read + " certificate lines read"
					+ ((since != null) ? " since " + since : "") + ", " + ((classified != null) ? classified : 0)
					+ " classified", null));
		}
		List<String> signals = strings(facts.get("signals"));
		if (!signals.isEmpty()) {
			details.add(new StepView.Detail("Signals", String.join(", ", signals), "warn"));
		}
		for (String line : strings(facts.get("newestLines"))) {
			Matcher matcher = LOG_LINE.matcher(line);
			if (matcher.matches()) {
				items.add(new StepView.Item(matcher.group(1), "warn", matcher.group(2), true));
			}
			else {
				items.add(new StepView.Item(null, null, line, true));
			}
		}
	}

	private static void certificateRequests(Map<String, Object> facts, List<StepView.Detail> details,
			List<StepView.Item> items) {
		Long total = number(facts.get("total"));
		if (total != null) {
			List<String> counts = new ArrayList<>();
			for (String condition : List.of("pending", "approved", "issued", "denied", "failed")) {
				Long count = number(facts.get(condition));
				if (count != null && count > 0) {
					counts.add(count + " " + condition);
				}
			}
			details.add(new StepView.Detail("CSRs for the node",
					total + (counts.isEmpty() ? "" : " (" + String.join(", ", counts) + ")"), null));
		}
		Long stuck = number(facts.get("clusterApprovedNotIssued"));
		if (stuck != null && stuck > 0) {
			details.add(new StepView.Detail("Approved but never issued, cluster-wide", String.valueOf(stuck), "bad"));
		}
		strings(facts.get("requests")).forEach((line) -> items.add(new StepView.Item(null, null, line, true)));
		strings(facts.get("undecodable"))
			.forEach((line) -> items.add(new StepView.Item("undecodable", "bad", line, true)));
		strings(facts.get("signatureInvalid"))
			.forEach((line) -> items.add(new StepView.Item("bad signature", "bad", line, true)));
	}

	private static void certificateAuthority(Map<String, Object> facts, List<StepView.Detail> details,
			List<StepView.Item> items) {
		Long size = number(facts.get("bundleSize"));
		if (size != null) {
			details.add(new StepView.Detail("CA bundle", size + ((size == 1) ? " certificate" : " certificates")
					+ (Boolean.TRUE.equals(facts.get("rotationBundle")) ? " (a CA rotation is under way)" : ""),
					(size == 0) ? "bad" : null));
		}
		Object chains = facts.get("servingChainsToBundle");
		if (chains != null) {
			details.add(new StepView.Detail("Serving certificate signed by the bundle",
					Boolean.TRUE.equals(chains) ? "yes" : Boolean.FALSE.equals(chains) ? "no" : String.valueOf(chains),
					Boolean.TRUE.equals(chains) ? "ok" : Boolean.FALSE.equals(chains) ? "bad" : null));
		}
		Long leaseAge = number(facts.get("controllerManagerLeaseAgeSeconds"));
		String lease = text(facts.get("controllerManagerLease"));
		if (leaseAge != null || lease != null) {
			details.add(new StepView.Detail("kube-controller-manager Lease",
					((leaseAge != null) ? "renewed " + ago(leaseAge) : "") + ((leaseAge != null && lease != null) ? ", " : "")
							+ ((lease != null) ? lease : ""),
					null));
		}
		strings(facts.get("cas")).forEach((line) -> items.add(new StepView.Item(null, null, line, false)));
	}

	private static void rbac(Map<String, Object> facts, List<StepView.Detail> details, List<StepView.Item> items) {
		String user = text(facts.get("user"));
		if (user != null) {
			List<String> groups = strings(facts.get("groups"));
			details.add(new StepView.Detail("Asked for", user + (groups.isEmpty() ? "" : " in " + String.join(", ", groups)),
					null));
		}
		details.add(new StepView.Detail("Evaluated by", Boolean.TRUE.equals(facts.get("evaluatedStatically"))
				? "reading ClusterRoleBindings (SubjectAccessReview not allowed)" : "SubjectAccessReview", null));
		check(items, facts, "createCsr", "create certificatesigningrequests");
		check(items, facts, "selfNodeClient", "create certificatesigningrequests/selfnodeclient (renewal auto-approval)");
		check(items, facts, "nodeClient", "create certificatesigningrequests/nodeclient (bootstrap auto-approval)");
		List<String> missing = strings(facts.get("kubeadmBindingsMissing"));
		List<String> present = strings(facts.get("kubeadmBindingsPresent"));
		if (!present.isEmpty()) {
			details.add(new StepView.Detail("kubeadm bindings present", String.join(", ", present), null));
		}
		if (!missing.isEmpty()) {
			details.add(new StepView.Detail("kubeadm bindings missing",
					String.join(", ", missing) + " (matters on kubeadm clusters only)", "warn"));
		}
		add(details, "kubeadm bindings", text(facts.get("kubeadmBindings")));
	}

	private static void check(List<StepView.Item> items, Map<String, Object> facts, String key, String what) {
		Object value = facts.get(key);
		if (value == null) {
			return;
		}
		String reason = text(facts.get(key + "Reason"));
		String error = text(facts.get(key + "EvaluationError"));
		String detail = ((reason != null) ? ": " + reason : "") + ((error != null) ? " (error: " + error + ")" : "");
		if (value instanceof Boolean allowed) {
			items.add(new StepView.Item(allowed ? "allowed" : "denied", allowed ? "ok" : "bad", what + detail, false));
		}
		else {
			items.add(new StepView.Item("undecided", "warn", what + ": " + value + detail, false));
		}
	}

	private static void bool(List<StepView.Detail> details, String label, @Nullable Object value,
			@Nullable String toneWhenFalse) {
		if (value instanceof Boolean on) {
			details.add(new StepView.Detail(label, on ? "on" : "off", on ? null : toneWhenFalse));
		}
	}

	private static void renewErrors(List<StepView.Detail> details, String label, @Nullable Object value) {
		Long count = number(value);
		if (count != null) {
			details.add(new StepView.Detail(label, String.valueOf(count), (count > 0) ? "warn" : null));
		}
	}

	private static void add(List<StepView.Detail> details, String label, @Nullable String value) {
		if (value != null) {
			details.add(new StepView.Detail(label, value, null));
		}
	}

	/** TLS_OK reads "TLS OK"; the other reachability names read as words. */
	private static String words(@Nullable String reachability) {
		if (reachability == null) {
			return "unknown";
		}
		return "TLS_OK".equals(reachability) ? "TLS OK" : reachability.toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	private static String ago(long seconds) {
		return TimeSpan.ago(Duration.ofSeconds(Math.max(0, seconds)));
	}

	private static String span(long seconds) {
		return TimeSpan.of(Duration.ofSeconds(seconds));
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		String text = String.valueOf(value);
		return text.isBlank() ? null : text;
	}

	private static @Nullable Long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : null;
	}

	private static List<String> strings(@Nullable Object value) {
		if (value instanceof Collection<?> collection) {
			return collection.stream().map(String::valueOf).toList();
		}
		return List.of();
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
