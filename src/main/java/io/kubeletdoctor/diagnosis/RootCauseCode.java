package io.kubeletdoctor.diagnosis;

/**
 * The stable root-cause vocabulary of the report JSON. Declaration order is the ranking order when
 * several causes apply: a cause that explains the others comes first.
 */
public enum RootCauseCode {

	NODE_NOT_FOUND, CA_EXPIRED, CLOCK_SKEW, CA_MISMATCH, CLIENT_CERT_EXPIRED, CSR_CREATE_FORBIDDEN,
	CLIENT_CSR_NOT_AUTHORIZED, CSR_APPROVER_NOT_RUNNING, CSR_DENIED, CSR_SIGNING_FAILED, CSR_NOT_ISSUED,
	SERVING_CERT_EXPIRED, SERVING_CSR_NOT_APPROVED, ROTATION_DISABLED, CA_EXPIRING, KUBELET_NOT_RUNNING,
	NO_FAULT_FOUND, UNDETERMINED

}
