package io.kubeletdoctor.step;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.KubeletAccessRefusedException;
import io.kubeletdoctor.cluster.KubeletResponse;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.KubeletLogsStepFacts;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.playbook.DiagnosisStep;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Step 4: the kubelet's own words about its certificates, through the node log API
 * ({@code /logs/?query=kubelet}, authorized by the kubelet as nodes/log), filtered on the node to certificate lines and classified by
 * {@link LogClassifier}. The log API is off on most clusters (feature gate plus
 * {@code enableSystemLogQuery}), so telling the ways it is unavailable apart, and handing over the
 * journalctl command, matters as much as the lines.
 */
@Component
class KubeletLogsStep implements DiagnosisStep {

	/** Filters on the node so only certificate lines cross the network; Go regexp and PCRE agree on it. */
	static final String PATTERN = "(?i)certificat|csr|x509|client cert|rotate cert";

	static final Duration WINDOW = Duration.ofHours(2);

	static final int MAX_LINES = 50;

	private static final int MAX_LINE_LENGTH = 2000;

	private static final int LINES_IN_FACTS = 10;

	private static final Set<LogSignal> CRITICAL_SIGNALS = EnumSet.of(LogSignal.NO_VALID_CLIENT_CERTIFICATE,
			LogSignal.CLIENT_CERTIFICATE_EXPIRED, LogSignal.CURRENT_CERTIFICATE_EXPIRED, LogSignal.CSR_CREATE_FORBIDDEN,
			LogSignal.CSR_CREATE_UNAUTHORIZED, LogSignal.CSR_DENIED, LogSignal.CSR_FAILED,
			LogSignal.NO_SERVING_CERTIFICATE, LogSignal.CERTIFICATE_EXPIRED, LogSignal.CERTIFICATE_NOT_YET_VALID,
			LogSignal.UNKNOWN_AUTHORITY);

	@Override
	public StepId id() {
		return StepId.KUBELET_LOGS;
	}

	@Override
	public String title() {
		return "Kubelet certificate log lines";
	}

	@Override
	public StepResult run(StepContext context) {
		Optional<NodeFacts> node = context.evidence().get(NodeFacts.class);
		if (node.isPresent() && !node.get().found()) {
			return StepResult.skipped("Node not found: no kubelet to read logs from");
		}
		Instant since = context.evidence().now().minus(WINDOW).truncatedTo(ChronoUnit.SECONDS);
		String path = "logs/?query=kubelet&sinceTime=" + encode(since.toString()) + "&pattern=" + encode(PATTERN);
		KubeletResponse response;
		try {
			response = context.reader().kubelet(context.nodeName(), KubeletRead.endpoint(node.orElse(null)), path);
		}
		catch (KubeletAccessRefusedException ex) {
			return StepResult.unavailable("The kubelet log was " + ex.getMessage(), ManualCommands.KUBELET_JOURNAL);
		}
		catch (ClusterAccessException ex) {
			return StepResult.unavailable(unavailableReason(ex.status(), ex.getMessage()), ManualCommands.KUBELET_JOURNAL);
		}
		if (!response.ok()) {
			return StepResult.unavailable(unavailableReason(response.status(), response.route()),
					ManualCommands.KUBELET_JOURNAL);
		}
		if (isHtml(response)) {
			return StepResult.unavailable("The kubelet answered with its /var/log file browser, not a log query: "
					+ "the NodeLogQuery feature gate or enableSystemLogQuery is off", ManualCommands.KUBELET_JOURNAL);
		}
		return classified(response.body(), since, response.route(), context);
	}

	private StepResult classified(String body, Instant since, String route, StepContext context) {
		List<String> lines = body.lines().filter((line) -> !line.isBlank()).toList();
		List<KubeletLogFacts.Line> kept = new ArrayList<>();
		// the journal is oldest first; walk it backwards to keep the newest lines
		for (int i = lines.size() - 1; i >= 0 && kept.size() < MAX_LINES; i--) {
			String line = lines.get(i);
			Optional<LogSignal> signal = LogClassifier.classify(line);
			if (signal.isPresent()) {
				kept.add(new KubeletLogFacts.Line(signal.get(), shorten(line.strip())));
			}
		}
		context.evidence().put(new KubeletLogFacts(Collections.unmodifiableList(kept)));
		Map<LogSignal, Integer> counts = new EnumMap<>(LogSignal.class);
		kept.forEach((line) -> counts.merge(line.signal(), 1, Integer::sum));
		KubeletLogsStepFacts facts = new KubeletLogsStepFacts(since.toString(), lines.size(), kept.size(),
				counts.entrySet().stream().map((e) -> e.getKey() + " x" + e.getValue()).toList(),
				kept.stream().limit(LINES_IN_FACTS).map((l) -> l.signal() + ": " + l.text()).toList(), route);
		if (kept.isEmpty()) {
			return StepResult.of(StepStatus.OK, "No certificate trouble in the kubelet log since " + since + " ("
					+ lines.size() + " certificate lines read)", facts);
		}
		boolean critical = counts.keySet().stream().anyMatch(CRITICAL_SIGNALS::contains);
		String summary = "Kubelet log since " + since + ": " + String.join(", ",
				counts.entrySet().stream().map((e) -> e.getKey() + " x" + e.getValue()).toList());
		return StepResult.of(critical ? StepStatus.CRITICAL : StepStatus.WARNING, summary, facts);
	}

	static String unavailableReason(int status, @Nullable String detail) {
		String reason;
		switch (status) {
			case 404:
				reason = "The kubelet log query API is not enabled (HTTP 404): it needs the NodeLogQuery feature gate "
						+ "and enableSystemLogHandler plus enableSystemLogQuery in the kubelet configuration";
				break;
			case 401:
			case 403:
				reason = "kubelet-doctor may not read node logs (HTTP " + status + "): "
						+ ((status == 401) ? "the kubelet did not accept the service-account token"
								: "the kubelet's authorizer needs get on nodes/log");
				break;
			case 502:
			case 503:
				reason = "The kubelet did not answer through the API server's node proxy (HTTP " + status
						+ "): it is down or has no serving certificate";
				break;
			case 0:
				reason = "The kubelet could not be reached for its log";
				break;
			default:
				reason = "The kubelet log query failed with HTTP " + status;
		}
		return (detail != null && !detail.isBlank()) ? reason + " (" + detail + ")" : reason;
	}

	/** Without query support the kubelet serves its /var/log directory listing and ignores the query. */
	static boolean isHtml(KubeletResponse response) {
		if (response.contentType() != null && response.contentType().toLowerCase(Locale.ROOT).contains("text/html")) {
			return true;
		}
		String start = response.body().stripLeading().toLowerCase(Locale.ROOT);
		return start.startsWith("<pre>") || start.startsWith("<!doctype") || start.startsWith("<a href")
				|| start.startsWith("<html");
	}

	private static String shorten(String line) {
		return (line.length() > MAX_LINE_LENGTH) ? line.substring(0, MAX_LINE_LENGTH) + "…" : line;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
