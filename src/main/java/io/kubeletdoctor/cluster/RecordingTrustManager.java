package io.kubeletdoctor.cluster;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts whatever chain the server presents and keeps it. The inspector reads a kubelet's
 * certificates to judge them; it never trusts the connection and sends nothing over it. Being an
 * extended trust manager keeps the JDK from adding its own hostname and algorithm checks, which
 * would hide the very certificates we need to see (expired, wrong names, unknown issuer).
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {

	private volatile List<X509Certificate> chain = List.of();

	List<X509Certificate> chain() {
		return this.chain;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) {
		this.chain = List.of(chain);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
		this.chain = List.of(chain);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		this.chain = List.of(chain);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("client certificates are never accepted here");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		throw new CertificateException("client certificates are never accepted here");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		throw new CertificateException("client certificates are never accepted here");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return new X509Certificate[0];
	}

}
