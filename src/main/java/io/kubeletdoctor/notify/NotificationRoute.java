package io.kubeletdoctor.notify;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;

/**
 * A checked route: where its messages go, in which format, and which reports it wants. An empty
 * filter set matches everything.
 */
record NotificationRoute(String name, SinkType type, URI target, Set<String> alertnames,
		Set<RootCauseCode> rootCauses, Set<String> clusters, Map<String, String> headers) {

	boolean matches(ReportMessage message) {
		return matchesCluster(message) && matchesAlertname(message) && matchesRootCause(message);
	}

	private boolean matchesCluster(ReportMessage message) {
		return this.clusters.isEmpty() || this.clusters.contains(message.report().cluster());
	}

	private boolean matchesAlertname(ReportMessage message) {
		return this.alertnames.isEmpty() || message.alertnames().stream().anyMatch(this.alertnames::contains);
	}

	private boolean matchesRootCause(ReportMessage message) {
		Finding rootCause = message.rootCause();
		return this.rootCauses.isEmpty() || (rootCause != null && this.rootCauses.contains(rootCause.code()));
	}

	/** Without the target and header values: both may be secrets. */
	@Override
	public String toString() {
		return "route '" + this.name + "' (" + this.type.name().toLowerCase(Locale.ROOT) + ")";
	}

}
