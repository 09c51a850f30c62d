package io.kubeletdoctor.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import io.kubeletdoctor.security.StoredToken;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The webhook credential: the configured token, or one generated at start and written to
 * {@code <data-dir>/webhook-token} (owner-only) so it can be read without appearing in logs.
 * Comparison hashes both sides first, so neither content nor length leaks through timing.
 */
@Component
public class WebhookCredential {

	private static final Logger logger = LoggerFactory.getLogger(WebhookCredential.class);

	private final String token;

	private final String username;

	private final boolean generated;

	private final Path tokenFile;

	WebhookCredential(WebhookProperties properties, @Value("${kubelet-doctor.data-dir:./data}") String dataDir) {
		this.username = properties.username();
		this.tokenFile = Path.of(dataDir, "webhook-token").toAbsolutePath().normalize();
		if (StringUtils.hasText(properties.token())) {
			this.token = properties.token().trim();
			this.generated = false;
		}
		else {
			this.token = StoredToken.readOrGenerate(this.tokenFile);
			this.generated = true;
			logger.info("No webhook credential configured (kubelet-doctor.webhook.token / KUBELET_DOCTOR_WEBHOOK_TOKEN); "
					+ "using a generated one. Read it with: cat {}", this.tokenFile);
		}
	}

	/** True when the Authorization header carries the Bearer token or the Basic user and token. */
	boolean accepts(@Nullable String authorization) {
		if (authorization == null) {
			return false;
		}
		if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return same(authorization.substring(7).trim(), this.token);
		}
		if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			String decoded;
			try {
				decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
			int colon = decoded.indexOf(':');
			return colon >= 0 & same(decoded.substring(0, Math.max(colon, 0)), this.username)
					& same(decoded.substring(colon + 1), this.token);
		}
		return false;
	}

	public String token() {
		return this.token;
	}

	public String username() {
		return this.username;
	}

	public boolean generated() {
		return this.generated;
	}

	public Path tokenFile() {
		return this.tokenFile;
	}

	private static boolean same(String given, String expected) {
		return StoredToken.same(given, expected);
	}

}
