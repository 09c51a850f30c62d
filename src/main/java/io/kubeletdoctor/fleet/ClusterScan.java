package io.kubeletdoctor.fleet;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The latest scan of one cluster. {@code servingApproval} says whether anything approves
 * kubelet-serving CSRs (upstream Kubernetes never does); {@code approvedNotIssued} counts CSRs of
 * any signer approved more than five minutes ago and still without a certificate, the sign of a
 * signer that stopped. {@code error} is set when the scan could not list the nodes at all.
 */
public record ClusterScan(String name, Instant scannedAt, List<FleetCa> cas, int approvedNotIssued,
		ServingApproval servingApproval, List<NodeScan> nodes, int apiRequests, @Nullable String error) {

	/** Whether kubelet-serving CSRs get approved, as far as the CSRs still stored tell. */
	public enum ServingApproval {

		/** At least one kubelet-serving CSR was approved. */
		SEEN,
		/** kubelet-serving CSRs exist and none was ever approved. */
		NEVER,
		/** No kubelet-serving CSR is stored: nothing to tell (or serverTLSBootstrap is off everywhere). */
		NO_REQUESTS

	}

}
