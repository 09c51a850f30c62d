/**
 * Fleet inventory: a clustered scan of every node's kubelet certificates, rotation settings and
 * newest CSRs, and of each cluster's CAs and signer, kept as the latest scan per cluster and shown
 * on {@code /fleet}, in {@code /api/v1/fleet} and as Prometheus gauges, before any alert fires.
 */
@NullMarked
package io.kubeletdoctor.fleet;

import org.jspecify.annotations.NullMarked;
