package io.kubeletdoctor.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, for taking that server away from a client and
 * giving it back without the client noticing anything but the network: {@link #refuse()} closes
 * every connection and refuses new ones (a database that is down), {@link #blackhole()} accepts and
 * keeps connections but lets no byte through (a network partition), {@link #open()} forwards again.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile Mode mode = Mode.OPEN;

	private TcpProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		thread("tcp-proxy-accept", this::acceptLoop).start();
	}

	public static TcpProxy to(String host, int port) {
		try {
			return new TcpProxy(new InetSocketAddress(host, port));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on the loopback interface", ex);
		}
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Forwards again; connections left from a black hole are closed, as a healed partition would. */
	public void open() {
		Mode was = this.mode;
		this.mode = Mode.OPEN;
		if (was == Mode.BLACKHOLE) {
			closeAll();
		}
	}

	public void refuse() {
		this.mode = Mode.REFUSE;
		closeAll();
	}

	public void blackhole() {
		this.mode = Mode.BLACKHOLE;
	}

	@Override
	public void close() {
		this.mode = Mode.REFUSE;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		closeAll();
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				switch (this.mode) {
					case REFUSE -> client.close();
					case BLACKHOLE -> this.sockets.add(client);
					case OPEN -> forward(client);
				}
			}
			catch (IOException ex) {
				// the server socket was closed, or one client failed: go on while open
			}
		}
	}

	private void forward(Socket client) throws IOException {
		this.sockets.add(client);
		Socket upstream = new Socket();
		this.sockets.add(upstream);
		try {
			upstream.connect(this.target, 3000);
		}
		catch (IOException ex) {
			close(client, upstream);
			return;
		}
		thread("tcp-proxy-up", () -> pump(client, upstream)).start();
		thread("tcp-proxy-down", () -> pump(upstream, client)).start();
	}

	/** Copies bytes while open; in a black hole they are swallowed and the connection stays up. */
	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16384];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				if (this.mode == Mode.OPEN) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
		}
		catch (IOException ex) {
			// one side went away: end both
		}
		finally {
			close(from, to);
		}
	}

	private void closeAll() {
		this.sockets.forEach(this::close);
	}

	private void close(Socket... sockets) {
		for (Socket socket : sockets) {
			this.sockets.remove(socket);
			try {
				socket.close();
			}
			catch (IOException ex) {
				// already gone
			}
		}
	}

	private static Thread thread(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	private enum Mode {

		OPEN, REFUSE, BLACKHOLE

	}

}
