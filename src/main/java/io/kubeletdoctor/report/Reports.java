package io.kubeletdoctor.report;

import java.util.List;
import java.util.Optional;

/** Read access to stored reports, newest first, for the JSON API, the pages and the chat sinks. */
public interface Reports {

	Optional<Report> find(String id);

	List<Report> search(ReportQuery query);

	/**
	 * The {@code externalURL} of the Alertmanager whose notification opened the report, as it sent
	 * it (not checked: callers decide whether it may become a link). Empty when unknown.
	 */
	default Optional<String> alertmanagerUrl(String reportId) {
		return Optional.empty();
	}

	/** Where a running report stands, e.g. "step 3 of 7: Kubelet certificates"; empty otherwise. */
	default Optional<String> progress(String reportId) {
		return Optional.empty();
	}

}
