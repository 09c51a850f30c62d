package io.kubeletdoctor.playbook;

/**
 * Published once a top-level report (one opened by an alert, not a node report a sweep opened) has
 * its diagnosis stored, so chat sinks can post the verdict and its permalink.
 */
public record ReportCompleted(String reportId) {
}
