package io.kubeletdoctor.report.web;

import io.kubeletdoctor.diagnosis.stepfacts.Answer;
import io.kubeletdoctor.diagnosis.stepfacts.CertificateAuthorityStepFacts;

/**
 * certificate-authority: the CA bundle, whether it signed the serving certificate, and the
 * kube-controller-manager Lease (the controller that signs kubelet CSRs).
 */
final class CertificateAuthorityFactsView {

	private CertificateAuthorityFactsView() {
	}

	static void describe(CertificateAuthorityStepFacts facts, StepLines lines) {
		lines.listingTitle("CA bundle");
		int size = facts.bundleSize();
		lines.detail("CA bundle", size + ((size == 1) ? " certificate" : " certificates")
				+ (facts.rotationBundle() ? " (a CA rotation is under way)" : ""), (size == 0) ? "bad" : null);
		Answer chains = facts.servingChainsToBundle();
		lines.detail("Serving certificate signed by the bundle",
				chains.yes() ? "yes" : chains.no() ? "no" : String.valueOf(chains.undecided()),
				chains.yes() ? "ok" : chains.no() ? "bad" : null);
		Long leaseAge = facts.controllerManagerLeaseAgeSeconds();
		String lease = facts.controllerManagerLease();
		if (leaseAge != null || lease != null) {
			lines.detail("kube-controller-manager Lease",
					((leaseAge != null) ? "renewed " + Ages.ago(leaseAge) : "")
							+ ((leaseAge != null && lease != null) ? ", " : "") + ((lease != null) ? lease : ""),
					null);
		}
		facts.cas().forEach((line) -> lines.item(null, null, line, false));
	}

}
