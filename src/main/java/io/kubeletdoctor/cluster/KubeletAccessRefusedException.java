package io.kubeletdoctor.cluster;

/**
 * The service chose not to read a kubelet: its serving certificate does not verify against the CA
 * configured for kubelet serving certificates (so the service-account token was not sent), or the
 * Node gives no address, and the node proxy is not granted either. The message says which.
 */
public class KubeletAccessRefusedException extends ClusterAccessException {

	public KubeletAccessRefusedException(String message) {
		super(0, message, null);
	}

}
