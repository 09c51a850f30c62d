package io.kubeletdoctor.intake;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The 202 body: the stored notification and the reports it opened or reused. */
public record AcceptedNotification(String notificationId, List<ReportRef> reports) {

	public record ReportRef(String id, String cluster, @Nullable String node, String url) {
	}

}
