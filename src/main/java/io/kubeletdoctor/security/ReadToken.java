package io.kubeletdoctor.security;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.StringUtils;

/**
 * The read credential: the configured token, or in {@code token} mode one generated at start and
 * written to {@code <data-dir>/ui-token} (owner-only), like the webhook's. Absent in the other
 * modes unless configured.
 */
final class ReadToken {

	private static final Logger logger = LoggerFactory.getLogger(ReadToken.class);

	static final String FILE_NAME = "ui-token";

	private final @Nullable String token;

	private ReadToken(@Nullable String token) {
		this.token = token;
	}

	static ReadToken from(ReadAccessProperties properties, String dataDir) {
		if (StringUtils.hasText(properties.token())) {
			return new ReadToken(properties.token().trim());
		}
		if (properties.auth() != ReadAccessProperties.Mode.TOKEN) {
			return new ReadToken(null);
		}
		Path file = Path.of(dataDir, FILE_NAME).toAbsolutePath().normalize();
		String generated = StoredToken.readOrGenerate(file);
		logger.info("No read credential configured (kubelet-doctor.ui.token / KUBELET_DOCTOR_UI_TOKEN); "
				+ "using a generated one. Open the reports with it as Bearer token or Basic password: cat {}", file);
		return new ReadToken(generated);
	}

	boolean accepts(@Nullable String given) {
		return this.token != null && given != null && StoredToken.same(given, this.token);
	}

}
