package io.kubeletdoctor.diagnosis;

/** What a certificate-related kubelet log line means, whatever the kubelet version wrote it. */
public enum LogSignal {

	NO_VALID_CLIENT_CERTIFICATE, CLIENT_CERTIFICATE_EXPIRED, CURRENT_CERTIFICATE_EXPIRED, CSR_CREATE_FAILED,
	CSR_CREATE_FORBIDDEN, CSR_CREATE_UNAUTHORIZED, CSR_NOT_SIGNED_TIMEOUT, CSR_DENIED, CSR_FAILED,
	NO_SERVING_CERTIFICATE, CERTIFICATE_NOT_YET_VALID, CERTIFICATE_EXPIRED, UNKNOWN_AUTHORITY,
	ROTATION_NOT_ENABLED, BACKOFF_LIMIT_REACHED,

	/** A 401 on the kubelet's own node status or Lease update: the API server rejects its client certificate. */
	API_UNAUTHORIZED

}
