package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.pki.CertificateInfo;
import org.jspecify.annotations.Nullable;

/**
 * Tells past trouble from a present fault. CSRs outlive the trouble they record (Pending and
 * approved-never-issued ones for 24 hours, denied, failed and issued ones for an hour) and the journal
 * keeps the kubelet's complaints for as long as it is read. What the kubelet uses now decides first:
 * for a signer whose certificate in use is valid, not about to expire, the newest one issued, and
 * obtained through a CSR issued after the trouble, while the Lease renews, the older CSRs and log
 * lines of that signer are history. So are x509 validity errors that only a wrong clock explains once
 * the kubelet's clock agrees again (it stamps its Lease with its own clock). A log line without a
 * time is never history.
 */
final class History {

	/** The kubelet waits this long for a CSR, then files another: a Pending one older is stuck. */
	private static final Duration KUBELET_WAITS = Duration.ofMinutes(15);

	/** The cleaner deletes an issued CSR this long after its approval. */
	private static final Duration ISSUED_CSR_KEPT = Duration.ofHours(1);

	/** The certificate in use and the newest one issued are the same when their NotAfter agree this well. */
	private static final Duration SAME_CERTIFICATE = Duration.ofMinutes(10);

	private final Evidence evidence;

	private final Map<String, Healing> healed = new LinkedHashMap<>();

	private final @Nullable NodeFacts reporting;

	private History(Evidence evidence) {
		this.evidence = evidence;
		NodeFacts node = evidence.get(NodeFacts.class).orElse(null);
		this.reporting = (node != null && node.found() && node.ready() && node.leaseAge() != null
				&& !HeartbeatText.lost(node)) ? node : null;
		if (this.reporting != null) {
			clientHealing().ifPresent((healing) -> this.healed.put(CsrRecord.KUBELET_CLIENT_SIGNER, healing));
			servingHealing().ifPresent((healing) -> this.healed.put(CsrRecord.KUBELET_SERVING_SIGNER, healing));
		}
	}

	static History of(Evidence evidence) {
		return new History(evidence);
	}

	/** The kubelet log lines that are not history; empty when the logs were not read. */
	static Optional<KubeletLogFacts> presentLogs(Evidence evidence) {
		return evidence.get(KubeletLogFacts.class).map((logs) -> {
			History history = of(evidence);
			return new KubeletLogFacts(logs.lines().stream().filter((line) -> !history.past(line)).toList());
		});
	}

	/** A CSR other than an issued one, filed before its signer's certificate in use was obtained. */
	boolean past(CsrRecord csr) {
		Healing healing = this.healed.get(csr.signerName());
		return csr.condition() != CsrCondition.ISSUED && healing != null && created(csr).isBefore(healing.at());
	}

	boolean past(KubeletLogFacts.Line line) {
		return beforeHealing(line) || clockHistory(line);
	}

	/** Logged before the certificate in use of the line's signer (any healed signer's, if it names none). */
	private boolean beforeHealing(KubeletLogFacts.Line line) {
		Optional<Instant> logged = line.loggedAt(this.evidence.now());
		Optional<Instant> healedAt = healedAt(line);
		return logged.isPresent() && healedAt.isPresent() && logged.get().isBefore(healedAt.get());
	}

	/** A dated x509 validity error about a certificate valid now, while the kubelet's clock agrees now. */
	private boolean clockHistory(KubeletLogFacts.Line line) {
		Instant now = this.evidence.now();
		return line.loggedAt(now).isPresent() && clockAgrees()
				&& X509Validity.of(line).map((validity) -> validity.validAt(now)).orElse(false);
	}

	/**
	 * True when a step reported CRITICAL only for history: every CSR it calls a problem, or every
	 * line it read, predates the healing.
	 */
	boolean explains(String step) {
		if (Steps.CERTIFICATE_REQUESTS.equals(step)) {
			List<CsrRecord> problems = problemCsrs();
			return !problems.isEmpty() && problems.stream().allMatch(this::past);
		}
		if (Steps.KUBELET_LOGS.equals(step)) {
			List<KubeletLogFacts.Line> lines = this.evidence.get(KubeletLogFacts.class)
				.map(KubeletLogFacts::lines)
				.orElse(List.of());
			return !lines.isEmpty() && lines.stream().allMatch(this::past);
		}
		return false;
	}

	/** One evidence line per trouble that ended, with when it ended; empty when there was none. */
	List<String> ended() {
		List<String> lines = new ArrayList<>();
		this.healed.forEach((signer, healing) -> {
			List<CsrRecord> csrs = problemCsrs().stream()
				.filter((csr) -> csr.signerName().equals(signer) && past(csr))
				.toList();
			long logLines = logLines().stream()
				.filter(this::beforeHealing)
				.filter((line) -> signerOf(line) == null || signer.equals(signerOf(line)))
				.count();
			if (csrs.isEmpty() && logLines == 0) {
				return;
			}
			List<String> what = new ArrayList<>();
			if (!csrs.isEmpty()) {
				what.add(describe(csrs));
			}
			if (logLines > 0) {
				what.add(logLines + " kubelet log line(s) of trouble");
			}
			lines.add("Past trouble with " + signer + ": " + String.join(" and ", what) + ", ended "
					+ EvidenceText.ago(Duration.between(healing.at(), this.evidence.now())) + " when " + healing.how());
		});
		List<KubeletLogFacts.Line> clock = logLines().stream()
			.filter((line) -> clockHistory(line) && !beforeHealing(line))
			.toList();
		if (!clock.isEmpty()) {
			String nodeTime = X509Validity.of(clock.get(0)).map((validity) -> validity.nodeTime().toString()).orElse("?");
			lines.add("Past trouble: " + clock.size() + " x509 validity error(s) that only a wrong clock on the node"
					+ " explains, the last when its clock read " + nodeTime + "; the clocks agree now ("
					+ HeartbeatText.describe(this.reporting) + ", stamped by the kubelet's own clock)");
		}
		return lines;
	}

	private Optional<Instant> healedAt(KubeletLogFacts.Line line) {
		String signer = signerOf(line);
		if (signer != null) {
			return Optional.ofNullable(this.healed.get(signer)).map(Healing::at);
		}
		return this.healed.values().stream().map(Healing::at).max(Comparator.naturalOrder());
	}

	private List<KubeletLogFacts.Line> logLines() {
		return this.evidence.get(KubeletLogFacts.class).map(KubeletLogFacts::lines).orElse(List.of());
	}

	/** The kubelet stamps its Lease with its own clock: a fresh one, not from the future, means the clocks agree. */
	private boolean clockAgrees() {
		return this.reporting != null
				&& this.reporting.leaseAge().compareTo(X509Validity.TOLERANCE.negated()) >= 0;
	}

	/** What the certificate-requests step calls a problem: CSRs stuck, or denied or failed. */
	private List<CsrRecord> problemCsrs() {
		return this.evidence.get(CertificateRequestFacts.class)
			.map(CertificateRequestFacts::requests)
			.orElse(List.of())
			.stream()
			.filter((csr) -> csr.condition() != CsrCondition.ISSUED)
			.filter((csr) -> csr.condition() != CsrCondition.PENDING || csr.age().compareTo(KUBELET_WAITS) > 0)
			.toList();
	}

	/** The client certificate in use: valid by the TTL gauge, not about to expire, the newest issued. */
	private Optional<Healing> clientHealing() {
		Double ttl = this.evidence.get(KubeletMetricsFacts.class).map(KubeletMetricsFacts::clientTtlSeconds).orElse(null);
		if (ttl == null || ttl.isInfinite() || ttl < Coverage.EXPIRY_WARNING.getSeconds()) {
			return Optional.empty();
		}
		Instant inUseNotAfter = this.evidence.now().plusSeconds(ttl.longValue());
		Optional<CsrRecord> issued = newestIssued(CsrRecord.KUBELET_CLIENT_SIGNER);
		if (issued.isEmpty()) {
			return stoppedFiling(inUseNotAfter);
		}
		return issued.filter((csr) -> csr.issuedNotAfter() == null
				|| !inUseNotAfter.isBefore(csr.issuedNotAfter().minus(SAME_CERTIFICATE)))
			.map((csr) -> new Healing(created(csr), "CSR " + csr.name() + " was issued (the kubelet's client"
					+ " certificate " + EvidenceText.expiry(inUseNotAfter, this.evidence.now()) + ")"));
	}

	/**
	 * Issued CSRs are deleted an hour after approval, Pending ones after 24 hours and approved-never-issued
	 * ones never. With no issued client CSR left and every leftover over an hour old, a kubelet that
	 * holds a valid certificate and stopped filing CSRs (it files one every 15 minutes while stuck) got
	 * its certificate within 15 minutes of its last leftover, through a CSR already collected. Denied
	 * and failed CSRs are collected like issued ones, so they never count here.
	 */
	private Optional<Healing> stoppedFiling(Instant inUseNotAfter) {
		String requester = "system:node:" + this.evidence.node();
		List<CsrRecord> leftovers = problemCsrs().stream()
			.filter((csr) -> csr.clientRequest() && requester.equals(csr.username()))
			.toList();
		Optional<CsrRecord> last = leftovers.stream().min(Comparator.comparing(CsrRecord::age));
		boolean outlive = leftovers.stream()
			.allMatch((csr) -> csr.condition() == CsrCondition.PENDING || csr.condition() == CsrCondition.APPROVED);
		if (last.isEmpty() || !outlive || last.get().age().compareTo(ISSUED_CSR_KEPT) <= 0) {
			return Optional.empty();
		}
		return Optional.of(new Healing(created(last.get()).plus(KUBELET_WAITS), "the kubelet stopped filing client"
				+ " CSRs and got a certificate (its issued CSR was garbage-collected after an hour; the client"
				+ " certificate in use " + EvidenceText.expiry(inUseNotAfter, this.evidence.now()) + ")"));
	}

	/** The serving certificate in use: served, CA-signed and chaining, not about to expire, the newest issued. */
	private Optional<Healing> servingHealing() {
		KubeletEndpointFacts endpoint = this.evidence.get(KubeletEndpointFacts.class).orElse(null);
		CertificateInfo leaf = (endpoint != null) ? endpoint.servingCertificate() : null;
		Instant now = this.evidence.now();
		if (leaf == null || endpoint.reachability() != Reachability.TLS_OK || endpoint.selfGenerated()
				|| leaf.isNotYetValidAt(now) || Coverage.expiresSoon(leaf.notAfter(), now) || !chains()) {
			return Optional.empty();
		}
		boolean newest = newestIssued(CsrRecord.KUBELET_SERVING_SIGNER)
			.map((csr) -> csr.issuedNotAfter() == null
					|| !leaf.notAfter().isBefore(csr.issuedNotAfter().minus(SAME_CERTIFICATE)))
			.orElse(true);
		if (!newest) {
			return Optional.empty();
		}
		return NodeCsrs.lastIssued(this.evidence, CsrRecord.KUBELET_SERVING_SIGNER)
			.map((at) -> new Healing(at, "the serving certificate the kubelet serves now was issued ("
					+ EvidenceText.expiry(leaf.notAfter(), now) + ")"));
	}

	private boolean chains() {
		return this.evidence.get(CertificateAuthorityFacts.class)
			.map((authority) -> !Boolean.FALSE.equals(authority.servingChainsToBundle()))
			.orElse(true);
	}

	private Optional<CsrRecord> newestIssued(String signer) {
		return NodeCsrs.of(this.evidence, CsrCondition.ISSUED)
			.stream()
			.filter((csr) -> csr.signerName().equals(signer))
			.min(Comparator.comparing(CsrRecord::age));
	}

	private Instant created(CsrRecord csr) {
		return this.evidence.now().minus(csr.age());
	}

	/** The signer a line is about, when it names one or its signal belongs to one certificate. */
	private static @Nullable String signerOf(KubeletLogFacts.Line line) {
		if (line.text().contains(CsrRecord.KUBELET_CLIENT_SIGNER)) {
			return CsrRecord.KUBELET_CLIENT_SIGNER;
		}
		if (line.text().contains(CsrRecord.KUBELET_SERVING_SIGNER)) {
			return CsrRecord.KUBELET_SERVING_SIGNER;
		}
		return switch (line.signal()) {
			case NO_VALID_CLIENT_CERTIFICATE, CLIENT_CERTIFICATE_EXPIRED, CSR_CREATE_UNAUTHORIZED, API_UNAUTHORIZED ->
				CsrRecord.KUBELET_CLIENT_SIGNER;
			case NO_SERVING_CERTIFICATE -> CsrRecord.KUBELET_SERVING_SIGNER;
			default -> null;
		};
	}

	private static String describe(List<CsrRecord> csrs) {
		Map<CsrCondition, Long> counts = new LinkedHashMap<>();
		csrs.forEach((csr) -> counts.merge(csr.condition(), 1L, Long::sum));
		List<String> parts = new ArrayList<>();
		counts.forEach((condition, count) -> parts.add(count + " " + (condition == CsrCondition.APPROVED
				? "approved and never issued" : condition.name().toLowerCase(Locale.ROOT))));
		CsrRecord oldest = NodeCsrs.oldest(csrs);
		return String.join(", ", parts) + " CSR(s), the oldest filed " + EvidenceText.ago(oldest.age());
	}

	/** When the signer's trouble ended ({@code at}: the certificate in use was requested) and how. */
	private record Healing(Instant at, String how) {
	}

}
