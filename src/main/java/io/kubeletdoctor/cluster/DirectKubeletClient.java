package io.kubeletdoctor.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * GETs from a kubelet's own HTTPS port with the service-account token, as Prometheus scrapes it.
 * The TLS handshake must verify the serving certificate against the kubelet CA (chain, dates) and
 * the Node's address (IP or DNS SAN) before the request, and so the token, is written; a
 * certificate that does not verify ends the read as {@link UntrustedKubeletException} with nothing
 * sent. One HTTP client per CA bundle, redirects never followed, short timeouts, and at most
 * {@code maxConcurrent} reads at once.
 */
final class DirectKubeletClient {

	/** What the callers put after the port: the kubelet paths and encoded queries, never {@code ..} or a scheme. */
	private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9._~/%+=&?-]*");

	private final KubeletApiSettings settings;

	private final Supplier<@Nullable String> token;

	private final Clock clock;

	private final Semaphore slots;

	private volatile @Nullable TrustedClient client;

	/** @param clock the time certificate dates are checked at: the service's */
	DirectKubeletClient(KubeletApiSettings settings, Supplier<@Nullable String> token, Clock clock) {
		this.settings = settings;
		this.token = token;
		this.clock = clock;
		this.slots = new Semaphore(settings.maxConcurrent(), true);
	}

	/**
	 * @throws UntrustedKubeletException when the serving certificate does not verify (token not sent)
	 * @throws ClusterAccessException when the kubelet gave no HTTP answer in time
	 */
	KubeletResponse get(KubeletEndpoint endpoint, String path, KubeletTrust trust, String route) {
		String relative = relative(path);
		int query = relative.indexOf('?');
		String described = "GET /" + ((query >= 0) ? relative.substring(0, query) : relative) + " on "
				+ endpointText(endpoint);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(endpoint, relative)))
			.timeout(this.settings.requestTimeout())
			.header("Accept", "*/*")
			.GET();
		String bearer = this.token.get();
		if (bearer != null && !bearer.isBlank()) {
			request.header("Authorization", "Bearer " + bearer);
		}
		acquire(described);
		try {
			HttpResponse<byte[]> response = client(trust).send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new KubeletResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
					new String(response.body(), StandardCharsets.UTF_8), KubeletTransport.DIRECT, route);
		}
		catch (IOException ex) {
			CertificateException rejected = certificateProblem(ex);
			if (rejected != null) {
				throw new UntrustedKubeletException(endpointText(endpoint), why(rejected));
			}
			throw new ClusterAccessException(0, described + " failed: " + failure(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterAccessException(0, described + " interrupted", ex);
		}
		finally {
			this.slots.release();
		}
	}

	private void acquire(String described) {
		try {
			if (!this.slots.tryAcquire(this.settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new ClusterAccessException(0, described + " not sent: " + this.settings.maxConcurrent()
						+ " kubelet reads were already running for " + this.settings.requestTimeout().toMillis() + " ms",
						null);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterAccessException(0, described + " interrupted", ex);
		}
	}

	private HttpClient client(KubeletTrust trust) {
		TrustedClient current = this.client;
		if (current == null || !current.pem().equals(trust.pem())) {
			current = new TrustedClient(trust.pem(), HttpClient.newBuilder()
				.sslContext(trust.sslContext(this.clock))
				.connectTimeout(this.settings.connectTimeout())
				.followRedirects(HttpClient.Redirect.NEVER)
				.version(HttpClient.Version.HTTP_1_1)
				.build());
			this.client = current;
		}
		return current.http();
	}

	/** Why a chain was rejected, in words: expired, not yet valid, another issuer, another name. */
	private static String why(CertificateException rejected) {
		for (Throwable cause = rejected; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof CertificateExpiredException) {
				return "expired: " + cause.getMessage();
			}
			if (cause instanceof CertificateNotYetValidException) {
				return "not yet valid: " + cause.getMessage();
			}
			if (cause instanceof CertPathValidatorException && String.valueOf(cause.getMessage()).contains("trust anchor")) {
				return "not issued by that CA";
			}
		}
		return ClusterAccessErrors.rootMessage(rejected);
	}

	/** A refused port, a connect timeout and a read timeout each in words (the JDK's messages are often empty). */
	private String failure(IOException ex) {
		for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof HttpConnectTimeoutException) {
				return "no TCP connection within " + this.settings.connectTimeout().toMillis() + " ms";
			}
			if (cause instanceof HttpTimeoutException) {
				return "no answer within " + this.settings.requestTimeout().toMillis() + " ms";
			}
			if (cause instanceof ConnectException) {
				return "connection refused";
			}
		}
		return ClusterAccessErrors.rootMessage(ex);
	}

	private static @Nullable CertificateException certificateProblem(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CertificateException certificate) {
				return certificate;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	static String relative(String path) {
		String relative = path.startsWith("/") ? path.substring(1) : path;
		if (!RELATIVE_PATH.matcher(relative).matches() || relative.contains("..") || relative.startsWith("/")) {
			throw new IllegalArgumentException("Not a kubelet path; no request made");
		}
		return relative;
	}

	private static String url(KubeletEndpoint endpoint, String relative) {
		return "https://" + endpointText(endpoint) + "/" + relative;
	}

	static String endpointText(KubeletEndpoint endpoint) {
		return KubeletTlsInspector.endpoint(endpoint.host(), endpoint.port());
	}

	private record TrustedClient(String pem, HttpClient http) {
	}

	/** The kubelet's serving certificate did not verify; the request, and the token, were never sent. */
	static final class UntrustedKubeletException extends RuntimeException {

		UntrustedKubeletException(String endpoint, String reason) {
			super("the serving certificate of " + endpoint + " does not verify (" + reason + ")");
		}

	}

}
