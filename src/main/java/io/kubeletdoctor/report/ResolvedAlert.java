package io.kubeletdoctor.report;

/** A resolved alert instance: its report, and whether this resolve made the whole report RESOLVED. */
public record ResolvedAlert(KnownReport report, boolean reportResolved) {
}
