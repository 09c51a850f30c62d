package io.kubeletdoctor.intake;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP proxy between Alertmanager and the service: forwards every request unchanged and
 * records what Alertmanager sent and what the service answered, so a test can see the headers,
 * the raw body and each retry.
 */
final class RecordingProxy implements AutoCloseable {

	/** Headers the JDK client sets itself and refuses to copy. */
	private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade");

	private static final Set<String> ANSWER_HEADERS = Set.of("content-type", "retry-after");

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final HttpServer server;

	private volatile @Nullable String target;

	private RecordingProxy(HttpServer server) {
		this.server = server;
	}

	static RecordingProxy start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		RecordingProxy proxy = new RecordingProxy(server);
		server.createContext("/", proxy::forward);
		server.setExecutor(proxy.executor);
		server.start();
		return proxy;
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** Where requests go from now on: the service, once it has a port. */
	void forwardTo(int port) {
		this.target = "http://127.0.0.1:" + port;
	}

	List<Delivery> deliveries() {
		return new ArrayList<>(this.deliveries);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void forward(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Map<String, String> headers = new TreeMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
					String.join(", ", values)));
			String to = this.target;
			if (to == null) {
				answer(exchange, 502, Map.of(), new byte[0]);
				return;
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to + exchange.getRequestURI()))
				.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
			headers.forEach((name, value) -> {
				if (!HOP_BY_HOP.contains(name)) {
					request.header(name, value);
				}
			});
			HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			Map<String, String> answerHeaders = new TreeMap<>();
			ANSWER_HEADERS.forEach((name) -> response.headers().firstValue(name)
				.ifPresent((value) -> answerHeaders.put(name, value)));
			this.deliveries.add(new Delivery(Instant.now(), exchange.getRequestMethod(),
					exchange.getRequestURI().getPath(), headers, new String(body, StandardCharsets.UTF_8),
					response.statusCode(), answerHeaders, new String(response.body(), StandardCharsets.UTF_8)));
			answer(exchange, response.statusCode(), answerHeaders, response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void answer(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
			throws IOException {
		headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	/** One request as Alertmanager sent it (header names lower-cased) and the service's answer. */
	record Delivery(Instant at, String method, String path, Map<String, String> headers, String body, int status,
			Map<String, String> answerHeaders, String answer) {
	}

}
