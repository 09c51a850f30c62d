package io.kubeletdoctor.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a configured read token the service generates one into the data directory, readable by
 * its owner only, and it opens the pages; the webhook's token does not.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kubelet-doctor.ui.token=", "kubelet-doctor.data-dir=target/test-data/generated-read-token",
				"kubelet-doctor.demo.send-sample-alerts=false" })
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class GeneratedReadTokenTests {

	private static final Path TOKEN_FILE = Path.of("target/test-data/generated-read-token/ui-token");

	@LocalServerPort
	int port;

	@Test
	void theGeneratedTokenInTheDataDirectoryOpensThePages() throws IOException {
		String token = Files.readString(TOKEN_FILE).trim();
		assertThat(token).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(Webhook.READ_TOKEN);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(TOKEN_FILE))).isEqualTo("rw-------");
		Webhook http = new Webhook(this.port);
		assertThat(http.get("/reports", "Bearer " + token).statusCode()).isEqualTo(200);
		assertThat(http.get("/reports", "Bearer " + Webhook.READ_TOKEN).statusCode()).isEqualTo(401);
		assertThat(http.get("/reports", "Bearer " + Webhook.TOKEN).statusCode()).isEqualTo(401);
	}

}
