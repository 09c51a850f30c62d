package io.kubeletdoctor.intake;

import java.util.Set;

/**
 * Published in the intake transaction when new reports were queued, so the scheduler can start a
 * drain of each cluster once the transaction commits.
 */
public record ReportsQueued(Set<String> clusters) {
}
