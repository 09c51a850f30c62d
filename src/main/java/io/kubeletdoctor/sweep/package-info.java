/**
 * The cluster sweep: which nodes a report without a node (a {@code KubeletDown}, a truncated
 * notification) should diagnose, and the cluster verdict drawn from their verdicts.
 */
@NullMarked
package io.kubeletdoctor.sweep;

import org.jspecify.annotations.NullMarked;
