package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.util.Optional;

import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.Evidence;

/**
 * Whether a kube-controller-manager leads, read from its leader Lease in kube-system. The approving
 * and signing controllers run only in the leader, so no leader means no CSR is approved or signed.
 */
final class ControllerManager {

	/** The leader renews its Lease every few seconds and loses it after 15 s without renewal. */
	static final Duration STALE_AFTER = Duration.ofMinutes(2);

	private ControllerManager() {
	}

	/** The Lease exists and has not been renewed for minutes. */
	static boolean leaseStale(CertificateAuthorityFacts authority) {
		return authority.controllerManagerLeaseAge() != null
				&& authority.controllerManagerLeaseAge().compareTo(STALE_AFTER) > 0;
	}

	/**
	 * The Lease is stale or missing altogether. A missing Lease is weaker evidence: a controller-manager
	 * started without leader election, or a managed control plane, shows none.
	 */
	static boolean notLeading(Evidence evidence) {
		return evidence.get(CertificateAuthorityFacts.class)
			.map((authority) -> authority.controllerManagerLeaseAge() == null || leaseStale(authority))
			.orElse(false);
	}

	/** The evidence line when no controller-manager leads, empty when one does or it is unknown. */
	static Optional<String> notLeadingLine(Evidence evidence) {
		if (!notLeading(evidence)) {
			return Optional.empty();
		}
		Duration age = evidence.get(CertificateAuthorityFacts.class)
			.map(CertificateAuthorityFacts::controllerManagerLeaseAge)
			.orElse(null);
		if (age == null) {
			return Optional.of("No kube-controller-manager Lease in kube-system: no controller-manager holds the"
					+ " leadership (a managed control plane may not expose it)");
		}
		return Optional.of(lastRenewed(age) + ": no controller-manager is leading");
	}

	static String lastRenewed(Duration age) {
		return "kube-controller-manager Lease last renewed " + EvidenceText.ago(age);
	}

}
