package io.kubeletdoctor.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat endpoint on 127.0.0.1 that records every request it receives. Each path answers 200
 * unless told to answer otherwise (a scripted list of statuses, then 200) or to be slow.
 */
final class RecordingReceiver implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

	private final Map<String, Duration> delays = new ConcurrentHashMap<>();

	private RecordingReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	static RecordingReceiver start() {
		try {
			return new RecordingReceiver();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** The next requests to {@code path} get these statuses, in order; then 200 again. */
	void answer(String path, int... statuses) {
		Deque<Answer> script = this.scripts.computeIfAbsent(path, (p) -> new ArrayDeque<>());
		synchronized (script) {
			for (int status : statuses) {
				script.add(new Answer(status, Map.of()));
			}
		}
	}

	void answer(String path, int status, Map<String, String> headers) {
		Deque<Answer> script = this.scripts.computeIfAbsent(path, (p) -> new ArrayDeque<>());
		synchronized (script) {
			script.add(new Answer(status, headers));
		}
	}

	/** Requests to {@code path} wait this long before they are answered. */
	void delay(String path, Duration delay) {
		this.delays.put(path, delay);
	}

	List<Received> received(String path) {
		return this.received.stream().filter((request) -> request.path().equals(path)).toList();
	}

	List<JsonNode> json(String path) {
		return received(path).stream().map(Received::json).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Map<String, List<String>> headers = new ConcurrentHashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
		this.received.add(new Received(path, exchange.getRequestMethod(), headers,
				new String(body, StandardCharsets.UTF_8), System.nanoTime()));
		Duration delay = this.delays.get(path);
		if (delay != null) {
			sleep(delay);
		}
		Answer answer = next(path);
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] reply = ((answer.status() < 300) ? "ok" : "no_service").getBytes(StandardCharsets.UTF_8);
		try {
			exchange.sendResponseHeaders(answer.status(), reply.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(reply);
			}
		}
		catch (IOException ex) {
			// the client gave up waiting
		}
	}

	private Answer next(String path) {
		Deque<Answer> script = this.scripts.get(path);
		if (script != null) {
			synchronized (script) {
				Answer next = script.poll();
				if (next != null) {
					return next;
				}
			}
		}
		return new Answer(200, Map.of());
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	/** One request as received; header names in lower case. */
	record Received(String path, String method, Map<String, List<String>> headers, String body, long nanos) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

	}

	private record Answer(int status, Map<String, String> headers) {
	}

}
