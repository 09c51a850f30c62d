package io.kubeletdoctor.intake;

/**
 * Published in the intake transaction when the last firing alert of a report resolves, so chat sinks
 * can post a follow-up once it commits. A repeated resolve publishes nothing.
 */
public record ReportResolved(String reportId) {
}
