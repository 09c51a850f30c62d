package io.kubeletdoctor.cluster;

/** The result of a TLS handshake with the kubelet port. */
public enum Reachability {

	/** The handshake completed and the serving chain was read. */
	TLS_OK,
	/** TCP connected but the kubelet aborted the handshake: it has no serving certificate to offer. */
	HANDSHAKE_FAILED,
	/** Nothing listens on the port. */
	REFUSED,
	/** No answer within the timeout. */
	TIMEOUT,
	/** The Node has no usable address or port. */
	NO_ADDRESS

}
