package io.kubeletdoctor.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import org.jspecify.annotations.Nullable;

/**
 * GETs through the API server's node proxy with the client's own HTTP client (same credentials,
 * same TLS settings), used only where the cluster granted nodes/proxy ({@link NodeProxyGrant}). The answer is returned whatever its status: a 503 from a kubelet that is
 * down is evidence, not an error. Such answers are not retried either, because retrying a dead
 * kubelet only delays the report. Only a 429, which comes from the API server itself, is retried,
 * after its Retry-After.
 */
final class NodeProxy {

	private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

	private static final long FALLBACK_TIMEOUT_MILLIS = 30_000;

	private final KubernetesClient client;

	private final ApiThrottle throttle;

	private volatile @Nullable HttpClient httpClient;

	NodeProxy(KubernetesClient client, ApiThrottle throttle) {
		this.client = client;
		this.throttle = throttle;
	}

	KubeletResponse get(String nodeName, String path, String route) {
		if (!NODE_NAME.matcher(nodeName).matches()) {
			throw new IllegalArgumentException("Not a node name: " + nodeName);
		}
		ApiCall call = new ApiCall("get", "nodes/proxy", null, null, nodeName);
		long timeout = timeoutMillis();
		String relative = DirectKubeletClient.relative(path);
		HttpRequest request = httpClient().newHttpRequestBuilder()
			.uri(masterUrl() + "api/v1/nodes/" + nodeName + "/proxy/" + relative)
			.header("Accept", "*/*")
			.timeout(timeout, TimeUnit.MILLISECONDS)
			.build();
		@Nullable HttpResponse<byte[]> throttled = null;
		for (int attempt = 0;; attempt++) {
			try {
				this.throttle.acquire(call, null);
			}
			catch (ClusterAccessException ex) {
				// a Retry-After longer than the bounded wait: the 429 itself is the better answer
				if (throttled != null) {
					return answer(throttled, route);
				}
				throw ex;
			}
			HttpResponse<byte[]> response = send(call, request, timeout);
			if (response.code() != 429 || attempt >= this.throttle.maxRetries()) {
				return answer(response, route);
			}
			throttled = response;
			RetryAfterInterceptor.parse(response.header("Retry-After"), Clock.systemUTC())
				.ifPresent(this.throttle::serverAskedToWait);
			this.throttle.retrying(call, attempt);
		}
	}

	private HttpResponse<byte[]> send(ApiCall call, HttpRequest request, long timeout) {
		try {
			HttpResponse<byte[]> response = httpClient().sendAsync(request, byte[].class)
				.get(timeout + 1000, TimeUnit.MILLISECONDS);
			this.throttle.metrics().answered(call, response.code());
			return response;
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			this.throttle.metrics().unreachable(call, cause);
			throw ClusterAccessErrors.unreachable(call, cause);
		}
		catch (TimeoutException ex) {
			this.throttle.metrics().unreachable(call, ex);
			throw ClusterAccessErrors.unreachable(call, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterAccessException(0, call.describe() + " interrupted", ex);
		}
	}

	private static KubeletResponse answer(HttpResponse<byte[]> response, String route) {
		byte[] body = response.body();
		return new KubeletResponse(response.code(), response.header("Content-Type"),
				(body != null) ? new String(body, StandardCharsets.UTF_8) : "", KubeletTransport.NODE_PROXY, route);
	}

	private HttpClient httpClient() {
		HttpClient http = this.httpClient;
		if (http == null) {
			RequestConfig noRetries = new RequestConfigBuilder(this.client.getConfiguration().getRequestConfig())
				.withRequestRetryBackoffLimit(0)
				.build();
			http = this.client.getHttpClient().newBuilder().tag(noRetries).build();
			this.httpClient = http;
		}
		return http;
	}

	private String masterUrl() {
		String url = this.client.getConfiguration().getMasterUrl();
		return url.endsWith("/") ? url : url + "/";
	}

	private long timeoutMillis() {
		Config config = this.client.getConfiguration();
		Integer timeout = config.getRequestTimeout();
		return (timeout != null && timeout > 0) ? timeout : FALLBACK_TIMEOUT_MILLIS;
	}

}
