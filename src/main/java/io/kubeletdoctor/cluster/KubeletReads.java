package io.kubeletdoctor.cluster;

import io.kubeletdoctor.cluster.DirectKubeletClient.UntrustedKubeletException;
import org.jspecify.annotations.Nullable;

/**
 * Chooses how one kubelet read travels. Straight to the kubelet first (the Node's address and
 * kubelet port, the service-account token, the kubelet's own authorizer), but only after its
 * serving certificate verified against the kubelet CA. Where that cannot be done (no address, a
 * certificate that does not verify, a port this pod cannot reach, the CA unreadable) the API
 * server's node proxy is used if, and only if, the cluster granted nodes/proxy; otherwise the read
 * is refused with the reason, and no token went anywhere it should not.
 */
final class KubeletReads {

	private final DirectKubeletClient direct;

	private final KubeletTrustSource trust;

	private final NodeProxyGrant proxyGrant;

	private final NodeProxy nodeProxy;

	KubeletReads(DirectKubeletClient direct, KubeletTrustSource trust, NodeProxyGrant proxyGrant, NodeProxy nodeProxy) {
		this.direct = direct;
		this.trust = trust;
		this.proxyGrant = proxyGrant;
		this.nodeProxy = nodeProxy;
	}

	KubeletResponse get(String nodeName, @Nullable KubeletEndpoint endpoint, String path) {
		DirectKubeletClient.relative(path);
		Attempt direct = (endpoint != null) ? direct(endpoint, path)
				: Attempt.declined("the Node reports no address or kubelet port");
		if (direct.response() != null) {
			return direct.response();
		}
		if (this.proxyGrant.granted()) {
			return this.nodeProxy.get(nodeName, path, "through the API server's node proxy because "
					+ direct.notDirect() + "; " + this.proxyGrant.describe());
		}
		String why = direct.notDirect() + "; " + this.proxyGrant.describe();
		if (direct.unreachable() != null) {
			throw new ClusterAccessException(0, why, direct.unreachable());
		}
		throw new KubeletAccessRefusedException("not read: " + why);
	}

	private Attempt direct(KubeletEndpoint endpoint, String path) {
		String target = DirectKubeletClient.endpointText(endpoint);
		KubeletTrust trusted;
		try {
			trusted = this.trust.current();
		}
		catch (ClusterAccessException ex) {
			return Attempt.declined("the kubelet CA could not be read (" + ex.getMessage()
					+ "), so no token was sent to " + target);
		}
		try {
			return new Attempt(this.direct.get(endpoint, path, trusted,
					"direct to " + target + ", serving certificate verified against " + trusted.source()), "", null);
		}
		catch (UntrustedKubeletException ex) {
			return Attempt.declined(ex.getMessage() + " against " + trusted.source()
					+ ", so the service-account token was not sent");
		}
		catch (ClusterAccessException ex) {
			return new Attempt(null, "the direct read of " + target + " failed: " + ex.getMessage(), ex);
		}
	}

	/** A direct read's answer, or why there is none and whether the kubelet was unreachable rather than untrusted. */
	private record Attempt(@Nullable KubeletResponse response, String notDirect,
			@Nullable ClusterAccessException unreachable) {

		static Attempt declined(String why) {
			return new Attempt(null, why, null);
		}

	}

}
