package io.kubeletdoctor.security;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Accepts the read token as a Basic password, with any user name, or as a Bearer token
 * ({@link BearerTokenFilter} hands it over as a password). Being the one authentication provider,
 * it also keeps Spring Boot from creating a default user with a generated password.
 */
class ReadTokenAuthenticationProvider implements AuthenticationProvider {

	static final String READER = "ROLE_READER";

	private final ReadToken token;

	ReadTokenAuthenticationProvider(ReadToken token) {
		this.token = token;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object credentials = authentication.getCredentials();
		if (!(credentials instanceof String given) || !this.token.accepts(given)) {
			throw new BadCredentialsException("Wrong read credential");
		}
		return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
				List.of(new SimpleGrantedAuthority(READER)));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
