package io.kubeletdoctor.diagnosis.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.NodeFacts;
import org.jspecify.annotations.Nullable;

/**
 * What the evidence says about the kubelet's client certificate. Read by the client-certificate rule,
 * and by the kubelet-not-running rule, which must stay silent when the certificate may be the cause
 * (a kubelet without a valid client certificate exits every five minutes, so its port also refuses).
 */
final class ClientCertificateTrouble {

	private final List<String> evidence = new ArrayList<>();

	private int decisiveChecks;

	private boolean inferred;

	private boolean expiredByThisClock;

	private boolean kubeletSaysSo;

	private boolean rejected;

	private @Nullable Instant notAfter;

	private @Nullable Double validForSeconds;

	private ClientCertificateTrouble() {
	}

	static ClientCertificateTrouble read(Evidence evidence) {
		ClientCertificateTrouble trouble = new ClientCertificateTrouble();
		evidence.get(KubeletMetricsFacts.class).ifPresent(trouble::readMetric);
		History.presentLogs(evidence).ifPresent(trouble::readLogs);
		trouble.readKnownExpiry(evidence);
		trouble.readHeartbeat(evidence);
		return trouble;
	}

	private void readMetric(KubeletMetricsFacts metrics) {
		Double ttl = metrics.clientTtlSeconds();
		if (metrics.noValidClientCertificate()) {
			this.decisiveChecks++;
			this.kubeletSaysSo = true;
			this.evidence.add("kubelet_certificate_manager_client_ttl_seconds is +Inf: the kubelet has no valid"
					+ " client certificate loaded (the gauge jumps to +Inf at expiry, it never goes negative)");
		}
		else if (ttl != null && ttl <= 0) {
			this.decisiveChecks++;
			this.kubeletSaysSo = true;
			this.evidence.add("kubelet_certificate_manager_client_ttl_seconds is " + ttl.longValue());
		}
		else if (ttl != null) {
			this.validForSeconds = ttl;
		}
	}

	private void readLogs(KubeletLogFacts logs) {
		List<KubeletLogFacts.Line> lines = Stream
			.concat(Stream.of(LogSignal.NO_VALID_CLIENT_CERTIFICATE, LogSignal.CLIENT_CERTIFICATE_EXPIRED)
				.flatMap((signal) -> logs.of(signal).stream()), clientNamed(logs.of(LogSignal.CURRENT_CERTIFICATE_EXPIRED)))
			.toList();
		if (!lines.isEmpty()) {
			this.decisiveChecks++;
			this.kubeletSaysSo = true;
			this.evidence.addAll(EvidenceText.logs(lines, 3));
		}
		// A 401, or a 403 for system:anonymous, means the API server got no client certificate it accepts.
		List<KubeletLogFacts.Line> unauthorized = Stream
			.concat(logs.of(LogSignal.CSR_CREATE_UNAUTHORIZED).stream(), logs.of(LogSignal.CSR_CREATE_FORBIDDEN)
				.stream()
				.filter((line) -> line.text().contains("system:anonymous")))
			.toList();
		if (!unauthorized.isEmpty()) {
			this.inferred = true;
			this.evidence.addAll(EvidenceText.logs(unauthorized, 1));
		}
		// A 401 on the kubelet's own heartbeats is the API server rejecting its client certificate right now.
		List<KubeletLogFacts.Line> heartbeats = logs.of(LogSignal.API_UNAUTHORIZED);
		if (!heartbeats.isEmpty()) {
			this.rejected = true;
			this.evidence.addAll(EvidenceText.logs(heartbeats, 2));
		}
	}

	/** "Current certificate is expired" is written by both managers; only the client one counts here. */
	private static Stream<KubeletLogFacts.Line> clientNamed(List<KubeletLogFacts.Line> lines) {
		return lines.stream().filter((line) -> line.text().contains(CsrRecord.KUBELET_CLIENT_SIGNER));
	}

	/** The newest client certificate the evidence shows, from the files seen or the CSRs that issued them. */
	private void readKnownExpiry(Evidence evidence) {
		Stream<Instant> observed = evidence.certificates()
			.stream()
			.filter((certificate) -> certificate.role() == CertificateRole.CLIENT)
			.map((certificate) -> certificate.info().notAfter());
		Stream<Instant> issued = evidence.get(CertificateRequestFacts.class)
			.map((facts) -> facts.client(CsrCondition.ISSUED).stream().map(CsrRecord::issuedNotAfter))
			.orElseGet(Stream::empty)
			.filter(Objects::nonNull);
		this.notAfter = Stream.concat(observed, issued).max(Instant::compareTo).orElse(null);
		if (this.notAfter != null && this.notAfter.isBefore(evidence.now())) {
			this.decisiveChecks++;
			this.expiredByThisClock = true;
			this.evidence.add("Newest client certificate known for the node has NotAfter " + this.notAfter + " ("
					+ EvidenceText.expiry(this.notAfter, evidence.now()) + ")");
		}
	}

	/**
	 * A kubelet that answers on its port but renews no Lease is alive yet cannot authenticate; its own
	 * count of 401 answers, read while the Lease is stale, says the API server rejects it.
	 */
	private void readHeartbeat(Evidence evidence) {
		NodeFacts node = evidence.get(NodeFacts.class).orElse(null);
		KubeletEndpointFacts endpoint = evidence.get(KubeletEndpointFacts.class).orElse(null);
		if (node == null || endpoint == null || !HeartbeatText.lost(node)) {
			return;
		}
		Double unauthorized = evidence.get(KubeletMetricsFacts.class)
			.map(KubeletMetricsFacts::unauthorizedRequests)
			.orElse(null);
		if (unauthorized != null && unauthorized > 0) {
			this.rejected = true;
			this.evidence.add("rest_client_requests_total{code=\"401\"} is " + unauthorized.longValue()
					+ " while the Lease is stale: the API server rejects the kubelet's own requests");
		}
		Reachability reachability = endpoint.reachability();
		if (reachability == Reachability.TLS_OK || reachability == Reachability.HANDSHAKE_FAILED) {
			this.inferred = true;
			this.evidence.add(HeartbeatText.describe(node) + ", yet the kubelet port " + endpoint.endpoint()
					+ " answers: the kubelet runs but cannot talk to the API server");
		}
	}

	/** Anything at all pointing at the client certificate, unless a finite TTL says it is valid now. */
	boolean suspected() {
		return !validNow() && (this.decisiveChecks > 0 || this.inferred || this.rejected);
	}

	/** The API server answers the kubelet's own heartbeats with 401: its client certificate is rejected now. */
	boolean rejected() {
		return this.rejected;
	}

	/** The TTL gauge is finite and positive: the kubelet holds a valid client certificate right now. */
	boolean validNow() {
		return this.validForSeconds != null && this.validForSeconds > 0;
	}

	int decisiveChecks() {
		return this.decisiveChecks;
	}

	boolean inferred() {
		return this.inferred;
	}

	/** The kubelet's own TTL gauge or log lines say it has no valid client certificate. */
	boolean kubeletSaysSo() {
		return this.kubeletSaysSo;
	}

	/** The newest known client certificate's NotAfter has passed by this service's clock. */
	boolean expiredByThisClock() {
		return this.expiredByThisClock;
	}

	@Nullable Instant notAfter() {
		return this.notAfter;
	}

	List<String> evidence() {
		return List.copyOf(this.evidence);
	}

}
