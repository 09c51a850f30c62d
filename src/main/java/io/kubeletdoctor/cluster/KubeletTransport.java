package io.kubeletdoctor.cluster;

/** How a kubelet read travelled: straight to the kubelet port, or through the API server's node proxy. */
public enum KubeletTransport {

	/** HTTPS to the Node's address and kubelet port, authorized by the kubelet as nodes/metrics, nodes/log... */
	DIRECT,

	/** {@code /api/v1/nodes/<node>/proxy/...}: needs nodes/proxy, granted only by the opt-in component. */
	NODE_PROXY

}
