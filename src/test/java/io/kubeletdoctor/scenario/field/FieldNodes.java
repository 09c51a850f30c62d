package io.kubeletdoctor.scenario.field;

import java.time.Duration;
import java.time.Instant;

import io.kubeletdoctor.demo.KubeletMetricsText;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedNode;
import io.kubeletdoctor.scenario.KubeletLog;
import io.kubeletdoctor.scenario.NodeCertificates;
import org.jspecify.annotations.Nullable;

/** Kubelets in the states the field reports keep returning to. */
final class FieldNodes {

	private FieldNodes() {
	}

	/** A Ready kubelet of {@code version} with both rotations on, reporting these TTLs and renew-error counts. */
	static SimulatedNode rotating(SimulatedCluster cluster, String node, String version, @Nullable Duration clientTtl,
			@Nullable Duration servingTtl, int clientErrors, int servingErrors) {
		return cluster.node(node)
			.kubeletVersion(version)
			.ready()
			.configz(true, true)
			.metrics(KubeletMetricsText.certificateMetrics(ttl(clientTtl), ttl(servingTtl), clientErrors,
					servingErrors));
	}

	/**
	 * A kubelet whose client certificate expired, silent towards the API server for {@code silentFor},
	 * restarted by systemd every five minutes: each run finds no valid certificate, fails to get one
	 * ({@code cause}, what the CSR create answered), and exits. It serves a valid certificate between
	 * restarts and reports the client TTL as +Inf.
	 */
	static SimulatedNode expiredClient(SimulatedCluster cluster, String node, String version, Duration silentFor,
			String cause) {
		Instant now = cluster.clock().instant();
		FieldJournal journal = FieldJournal.of(node, version);
		for (int minutes : new int[] { 16, 11, 6 }) {
			Instant started = now.minus(Duration.ofMinutes(minutes));
			journal.log((log) -> log.currentCertificateExpired(started.plusSeconds(1), KubeletLog.CLIENT_SIGNER)
				.requestFailed(started.plusSeconds(3), KubeletLog.CLIENT_SIGNER, cause)
				.noValidClientCertificate(started.plus(Duration.ofMinutes(5)), true, started));
		}
		return NodeCertificates.silentWithExpiredClient(cluster, node, version, silentFor).configz(true, true).logs(journal.lines());
	}

	private static @Nullable Double ttl(@Nullable Duration remaining) {
		return (remaining != null) ? KubeletMetricsText.ttl(remaining) : null;
	}

}
