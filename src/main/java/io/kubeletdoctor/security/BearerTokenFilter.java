package io.kubeletdoctor.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request carrying {@code Authorization: Bearer <read token>} for this request
 * only (nothing is kept in a session). A wrong token leaves the request anonymous, so it is
 * answered 401 like one without a token.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	static final String PRINCIPAL = "bearer-token";

	private final AuthenticationProvider provider;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	BearerTokenFilter(AuthenticationProvider provider) {
		this.provider = provider;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			try {
				Authentication authenticated = this.provider.authenticate(
						UsernamePasswordAuthenticationToken.unauthenticated(PRINCIPAL, authorization.substring(7).trim()));
				SecurityContext context = this.contexts.createEmptyContext();
				context.setAuthentication(authenticated);
				this.contexts.setContext(context);
			}
			catch (AuthenticationException ex) {
				this.contexts.clearContext();
			}
		}
		chain.doFilter(request, response);
	}

}
