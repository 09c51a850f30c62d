package io.kubeletdoctor.security;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read the report pages and the JSON API.
 *
 * @param auth how readers prove who they are
 * @param token the read token ({@code KUBELET_DOCTOR_UI_TOKEN}), sent as a Bearer token or as
 * the Basic password with any user name; generated at start in {@code token} mode when not set, and
 * accepted in the other modes too when set (for bots)
 * @param proxy where identity headers are trusted from in {@code proxy} mode
 * @param maxConcurrentReads pages and API reads served at once; the rest of the database pool stays
 * for the webhook and the diagnoses
 * @param readWait how long a read waits for its turn before it is answered 503
 */
@ConfigurationProperties("kubelet-doctor.ui")
public record ReadAccessProperties(@DefaultValue("token") Mode auth, @Nullable String token,
		@DefaultValue Proxy proxy, @DefaultValue("4") int maxConcurrentReads, @DefaultValue("2s") Duration readWait) {

	/** How readers authenticate. */
	public enum Mode {

		/** A Bearer token or HTTP Basic with the token as password. */
		TOKEN,

		/** Login with an OIDC issuer ({@code spring.security.oauth2.client.*}). */
		OIDC,

		/** Identity headers set by an authenticating proxy such as oauth2-proxy. */
		PROXY,

		/** Anyone may read: the demo only. */
		NONE

	}

	/**
	 * An authenticating proxy in front of the service.
	 *
	 * @param trustedAddresses addresses or CIDR ranges the proxy connects from; headers from any
	 * other address are ignored (required in {@code proxy} mode)
	 * @param userHeader the header naming the user
	 * @param emailHeader the header with the user's email, used when the user header is absent
	 */
	public record Proxy(@DefaultValue List<String> trustedAddresses,
			@DefaultValue("X-Forwarded-User") String userHeader,
			@DefaultValue("X-Forwarded-Email") String emailHeader) {
	}

}
