package io.kubeletdoctor.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Read access behind oauth2-proxy: identity headers count only on connections from the proxy's
 * address (here the loopback); the same headers sent from another address of this machine are
 * ignored, whatever {@code X-Forwarded-For} claims.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kubelet-doctor.ui.auth=proxy", "kubelet-doctor.ui.proxy.trusted-addresses=127.0.0.1/32" })
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class ProxyReadAccessTests {

	@LocalServerPort
	int port;

	@Test
	void identityHeadersFromTheProxyAddressOpenPagesAndApi() {
		assertThat(get("127.0.0.1", "/reports", Map.of("X-Forwarded-User", "jane")).statusCode()).isEqualTo(200);
		assertThat(get("127.0.0.1", "/api/v1/reports", Map.of("X-Forwarded-Email", "jane@example.com")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void withoutIdentityEvenTheProxyAddressIsRefused() {
		HttpResponse<String> answer = get("127.0.0.1", "/reports", Map.of());
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().allValues("WWW-Authenticate")).isEmpty();
		assertThat(get("127.0.0.1", "/reports", Map.of("X-Forwarded-User", " ")).statusCode()).isEqualTo(401);
		assertThat(get("127.0.0.1", "/reports", Map.of("X-Forwarded-User", "x".repeat(300))).statusCode())
			.isEqualTo(401);
	}

	@Test
	void identityHeadersFromAnyOtherAddressAreIgnored() {
		Optional<String> other = nonLoopbackAddress();
		assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address to connect from");
		Map<String, String> forged = Map.of("X-Forwarded-User", "mallory", "X-Forwarded-Email", "m@example.com",
				"X-Forwarded-For", "127.0.0.1", "X-Real-IP", "127.0.0.1");
		assertThat(get(other.get(), "/reports", forged).statusCode()).isEqualTo(401);
		assertThat(get(other.get(), "/api/v1/reports", forged).statusCode()).isEqualTo(401);
	}

	@Test
	void aConfiguredReadTokenStillServesBots() {
		assertThat(get("127.0.0.1", "/api/v1/reports", Map.of("Authorization", "Bearer " + Webhook.READ_TOKEN))
			.statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String host, String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + this.port + path));
		headers.forEach(request::header);
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Optional<String> nonLoopbackAddress() {
		try {
			return NetworkInterface.networkInterfaces()
				.filter(ProxyReadAccessTests::up)
				.flatMap(NetworkInterface::inetAddresses)
				.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
				.map(InetAddress::getHostAddress)
				.findFirst();
		}
		catch (SocketException ex) {
			return Optional.empty();
		}
	}

	private static boolean up(NetworkInterface network) {
		try {
			return network.isUp();
		}
		catch (SocketException ex) {
			return false;
		}
	}

}
