package io.kubeletdoctor.report.web;

/**
 * certificate-authority: the CA bundle, whether it signed the serving certificate, and the
 * kube-controller-manager Lease (the controller that signs kubelet CSRs).
 */
final class CertificateAuthorityFactsView implements StepFactsView {

	@Override
	public void describe(StepFacts facts, StepLines lines, ReportFormatter fmt) {
		lines.listingTitle("CA bundle");
		Long size = facts.number("bundleSize");
		if (size != null) {
			lines.detail("CA bundle", size + ((size == 1) ? " certificate" : " certificates")
					+ (facts.isTrue("rotationBundle") ? " (a CA rotation is under way)" : ""), (size == 0) ? "bad" : null);
		}
		Object chains = facts.get("servingChainsToBundle");
		if (chains != null) {
			lines.detail("Serving certificate signed by the bundle",
					Boolean.TRUE.equals(chains) ? "yes" : Boolean.FALSE.equals(chains) ? "no" : String.valueOf(chains),
					Boolean.TRUE.equals(chains) ? "ok" : Boolean.FALSE.equals(chains) ? "bad" : null);
		}
		Long leaseAge = facts.number("controllerManagerLeaseAgeSeconds");
		String lease = facts.text("controllerManagerLease");
		if (leaseAge != null || lease != null) {
			lines.detail("kube-controller-manager Lease",
					((leaseAge != null) ? "renewed " + StepFacts.ago(leaseAge) : "")
							+ ((leaseAge != null && lease != null) ? ", " : "") + ((lease != null) ? lease : ""),
					null);
		}
		facts.strings("cas").forEach((line) -> lines.item(null, null, line, false));
	}

}
