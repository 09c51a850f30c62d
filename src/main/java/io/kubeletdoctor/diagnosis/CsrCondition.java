package io.kubeletdoctor.diagnosis;

/**
 * Where a CertificateSigningRequest stands. There is no Issued condition in Kubernetes: a non-empty
 * {@code status.certificate} makes it ISSUED; APPROVED here means approved and not (yet) issued.
 */
public enum CsrCondition {

	PENDING, APPROVED, ISSUED, DENIED, FAILED

}
