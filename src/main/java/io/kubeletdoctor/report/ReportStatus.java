package io.kubeletdoctor.report;

public enum ReportStatus {

	QUEUED, RUNNING, COMPLETED, FAILED

}
