package io.kubeletdoctor.demo;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.kubeletdoctor.demo.KubeletBehaviour.ProxyAnswer;
import io.kubeletdoctor.pki.IssuedCertificate;
import org.jspecify.annotations.Nullable;

/**
 * A kubelet's TLS port on 127.0.0.1, in one of the states a diagnosis has to tell apart: serving a
 * certificate (valid or expired alike) and answering HTTPS requests, aborting every handshake like a kubelet waiting for its
 * serving CSR, accepting TCP and never answering, or not listening at all.
 */
public final class FakeKubelet implements AutoCloseable {

	/** TLS alert record: fatal (2) internal_error (80), what Go's TLS server sends when it has no certificate. */
	private static final byte[] INTERNAL_ERROR_ALERT = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x50 };

	private static final char[] KEY_PASSWORD = "kubelet".toCharArray();

	private final @Nullable ServerSocket server;

	private final @Nullable Socket reservation;

	private final int port;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private final ExecutorService handlers = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "fake-kubelet-connection");
		thread.setDaemon(true);
		return thread;
	});

	private FakeKubelet(ServerSocket server, Handler handler) {
		this.server = server;
		this.reservation = null;
		this.port = server.getLocalPort();
		Thread acceptor = new Thread(() -> accept(server, handler), "fake-kubelet-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private FakeKubelet(Socket reservation) {
		this.server = null;
		this.reservation = reservation;
		this.port = reservation.getLocalPort();
	}

	/**
	 * Completes handshakes with this chain, whatever its validity (the key manager never filters on
	 * dates), and answers every HTTP request with 404.
	 */
	public static FakeKubelet serving(IssuedCertificate certificate, X509Certificate... intermediates) {
		return serving(certificate, (method, target, authorization) -> ProxyAnswer.text(404, "404 page not found\n"),
				intermediates);
	}

	/** As above, answering HTTP requests after the handshake as {@code http} says. */
	static FakeKubelet serving(IssuedCertificate certificate, KubeletHttp http, X509Certificate... intermediates) {
		try {
			List<X509Certificate> chain = new ArrayList<>();
			chain.add(certificate.certificate());
			chain.addAll(List.of(intermediates));
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setKeyEntry("kubelet", certificate.keyPair().getPrivate(), KEY_PASSWORD,
					chain.toArray(X509Certificate[]::new));
			// SunX509 picks the key by type only; the PKIX manager would prefer, and warn about, valid dates
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("SunX509");
			keyManagers.init(keyStore, KEY_PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			ServerSocket server = context.getServerSocketFactory().createServerSocket(0, 50, loopback());
			return new FakeKubelet(server, (socket) -> completeHandshake(socket, http));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start a fake kubelet TLS endpoint", ex);
		}
	}

	/** Accepts TCP, reads the ClientHello and answers a fatal internal_error alert. */
	public static FakeKubelet withoutServingCertificate() {
		return new FakeKubelet(plainServer(), FakeKubelet::abortHandshake);
	}

	/** Accepts TCP and reads whatever comes without ever answering, until closed. */
	public static FakeKubelet hanging() {
		return new FakeKubelet(plainServer(), FakeKubelet::neverAnswer);
	}

	/**
	 * Holds a port without listening on it: the kernel refuses every connection, and no other
	 * server can take the port while this one exists.
	 */
	public static FakeKubelet down() {
		try {
			Socket reservation = new Socket();
			reservation.bind(new InetSocketAddress(loopback(), 0));
			return new FakeKubelet(reservation);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reserve a port", ex);
		}
	}

	public String host() {
		return loopback().getHostAddress();
	}

	public int port() {
		return this.port;
	}

	private void accept(ServerSocket server, Handler handler) {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				this.connections.add(socket);
				this.handlers.execute(() -> {
					try {
						handler.handle(socket);
					}
					catch (IOException | RuntimeException ex) {
						// a client that goes away mid-handshake is normal for this endpoint
					}
					finally {
						closeQuietly(socket);
						this.connections.remove(socket);
					}
				});
			}
			catch (IOException | RuntimeException ex) {
				// closed, or the executor is shut down
			}
		}
	}

	/**
	 * The handshake, then at most one HTTP/1.1 request answered with {@code Connection: close}; the
	 * TLS inspector sends nothing and hangs up, which ends the connection here too.
	 */
	private static void completeHandshake(Socket socket, KubeletHttp http) throws IOException {
		socket.setSoTimeout(10_000);
		SSLSocket tls = (SSLSocket) socket;
		tls.startHandshake();
		InputStream in = tls.getInputStream();
		List<String> head = readHead(in);
		if (head.isEmpty()) {
			return;
		}
		String[] requestLine = head.get(0).split(" ");
		String authorization = null;
		for (String header : head.subList(1, head.size())) {
			int colon = header.indexOf(':');
			if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("Authorization")) {
				authorization = header.substring(colon + 1).trim();
			}
		}
		ProxyAnswer answer = (requestLine.length == 3) ? http.answer(requestLine[0], requestLine[1], authorization)
				: ProxyAnswer.text(400, "400 Bad Request\n");
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		String response = "HTTP/1.1 " + answer.status() + " " + reason(answer.status()) + "\r\nContent-Type: "
				+ answer.contentType() + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
		OutputStream out = tls.getOutputStream();
		out.write(response.getBytes(StandardCharsets.US_ASCII));
		out.write(body);
		out.flush();
	}

	/** The request line and headers, up to the empty line; empty when the client sent nothing. */
	private static List<String> readHead(InputStream in) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		int total = 0;
		int b;
		while ((b = in.read()) != -1 && total++ < 65_536) {
			if (b == '\n') {
				String text = line.toString().replace("\r", "");
				if (text.isEmpty()) {
					return lines;
				}
				lines.add(text);
				line.setLength(0);
			}
			else {
				line.append((char) b);
			}
		}
		return lines;
	}

	private static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			default -> "Status";
		};
	}

	private static void abortHandshake(Socket socket) throws IOException {
		socket.setSoTimeout(10_000);
		DataInputStream in = new DataInputStream(socket.getInputStream());
		byte[] header = new byte[5];
		in.readFully(header);
		int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
		// read the whole ClientHello so closing does not reset the connection before the alert is read
		in.readFully(new byte[length]);
		OutputStream out = socket.getOutputStream();
		out.write(INTERNAL_ERROR_ALERT);
		out.flush();
		socket.shutdownOutput();
	}

	private static void neverAnswer(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		while (in.read() != -1) {
			// discard
		}
	}

	private static ServerSocket plainServer() {
		try {
			return new ServerSocket(0, 50, loopback());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot open a port on the loopback interface", ex);
		}
	}

	private static InetAddress loopback() {
		return InetAddress.getLoopbackAddress();
	}

	@Override
	public void close() {
		if (this.server != null) {
			closeQuietly(this.server);
		}
		if (this.reservation != null) {
			closeQuietly(this.reservation);
		}
		this.connections.forEach(FakeKubelet::closeQuietly);
		this.connections.clear();
		this.handlers.shutdownNow();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closing is best effort
		}
	}

	/** What the kubelet's HTTPS server answers to one request. */
	@FunctionalInterface
	interface KubeletHttp {

		ProxyAnswer answer(String method, String target, @Nullable String authorization);

	}

	@FunctionalInterface
	private interface Handler {

		void handle(Socket socket) throws IOException;

	}

}
