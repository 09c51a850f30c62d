package io.kubeletdoctor.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;


/**
 * Opens a TLS handshake with a kubelet port to read the serving chain it presents, then closes
 * the connection without sending anything. The chain is recorded, never trusted, so an expired
 * or self-signed certificate is read like any other. Every outcome is an answer, never an
 * exception: a refused port, a timeout and an aborted handshake are each evidence.
 */
public class KubeletTlsInspector {

	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(3);

	private final Duration connectTimeout;

	private final Duration readTimeout;

	public KubeletTlsInspector() {
		this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
	}

	public KubeletTlsInspector(Duration connectTimeout, Duration readTimeout) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
	}

	public KubeletHandshake inspect(String host, int port) {
		String endpoint = endpoint(host, port);
		if (host.isBlank() || port <= 0 || port > 65535) {
			return new KubeletHandshake(endpoint, Reachability.NO_ADDRESS, "no usable address or port", List.of());
		}
		RecordingTrustManager trustManager = new RecordingTrustManager();
		try (Socket socket = new Socket()) {
			try {
				socket.connect(new InetSocketAddress(host, port), millis(this.connectTimeout));
			}
			catch (SocketTimeoutException ex) {
				return failed(endpoint, Reachability.TIMEOUT,
						"no TCP connection within " + millis(this.connectTimeout) + " ms", trustManager);
			}
			socket.setSoTimeout(millis(this.readTimeout));
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { trustManager }, null);
			try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true)) {
				tls.startHandshake();
			}
			return new KubeletHandshake(endpoint, Reachability.TLS_OK, null, trustManager.chain());
		}
		catch (UnknownHostException ex) {
			return failed(endpoint, Reachability.NO_ADDRESS, "unknown host " + host, trustManager);
		}
		catch (ConnectException ex) {
			String message = String.valueOf(ex.getMessage());
			Reachability reachability = message.toLowerCase().contains("refused") ? Reachability.REFUSED
					: Reachability.TIMEOUT;
			return failed(endpoint, reachability, message, trustManager);
		}
		catch (NoRouteToHostException ex) {
			return failed(endpoint, Reachability.TIMEOUT, String.valueOf(ex.getMessage()), trustManager);
		}
		catch (IOException ex) {
			if (causedByTimeout(ex)) {
				return failed(endpoint, Reachability.TIMEOUT,
						"no TLS handshake answer within " + millis(this.readTimeout) + " ms", trustManager);
			}
			return failed(endpoint, Reachability.HANDSHAKE_FAILED, String.valueOf(ex.getMessage()), trustManager);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return failed(endpoint, Reachability.HANDSHAKE_FAILED, String.valueOf(ex.getMessage()), trustManager);
		}
	}

	/** Whatever chain arrived before the failure is kept: it can explain why the handshake failed. */
	private static KubeletHandshake failed(String endpoint, Reachability reachability, String error,
			RecordingTrustManager trustManager) {
		return new KubeletHandshake(endpoint, reachability, error, trustManager.chain());
	}

	private static boolean causedByTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	static String endpoint(String host, int port) {
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
	}

	private static int millis(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
	}

}
