package io.kubeletdoctor.intake;

import java.time.Instant;
import java.util.Map;

import io.kubeletdoctor.report.ReportAlert;
import org.jspecify.annotations.Nullable;

/** One alert of a notification; {@code endsAt} is null while firing (Alertmanager sends year 1). */
public record AlertmanagerAlert(String status, Map<String, String> labels, Map<String, String> annotations,
		Instant startsAt, @Nullable Instant endsAt, @Nullable String generatorURL, String fingerprint) {

	String alertname() {
		return this.labels.get("alertname");
	}

	boolean firing() {
		return "firing".equals(this.status);
	}

	ReportAlert toReportAlert() {
		return new ReportAlert(alertname(), this.fingerprint, this.status, this.startsAt, this.endsAt, this.labels,
				this.annotations, this.generatorURL);
	}

}
