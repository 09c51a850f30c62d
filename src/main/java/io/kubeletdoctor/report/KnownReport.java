package io.kubeletdoctor.report;

import org.jspecify.annotations.Nullable;

/** A report found by one of its alert instances. */
public record KnownReport(String id, @Nullable String node) {
}
