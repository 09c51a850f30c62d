package io.kubeletdoctor.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the reader's identity from the headers an authenticating proxy (oauth2-proxy) sets, but
 * only on connections from the proxy's own addresses: anyone else could send the same headers.
 * The address is the TCP peer's, never one named in {@code X-Forwarded-For}.
 */
class ProxyIdentityFilter extends OncePerRequestFilter {

	/** Longest identity taken from a header; a longer one is refused, not cut. */
	static final int MAX_IDENTITY = 256;

	private final List<IpAddressMatcher> trusted;

	private final String userHeader;

	private final String emailHeader;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ProxyIdentityFilter(ReadAccessProperties.Proxy proxy) {
		if (proxy.trustedAddresses().isEmpty()) {
			throw new IllegalStateException("kubelet-doctor.ui.auth=proxy needs kubelet-doctor.ui.proxy.trusted-addresses: "
					+ "the addresses or CIDR ranges the authenticating proxy connects from");
		}
		this.trusted = proxy.trustedAddresses().stream().map(String::trim).map(IpAddressMatcher::new).toList();
		this.userHeader = proxy.userHeader();
		this.emailHeader = proxy.emailHeader();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String identity = identity(request);
		if (identity != null && fromProxy(request)) {
			PreAuthenticatedAuthenticationToken authentication = new PreAuthenticatedAuthenticationToken(identity, "",
					List.of(new SimpleGrantedAuthority(ReadTokenAuthenticationProvider.READER)));
			SecurityContext context = this.contexts.createEmptyContext();
			context.setAuthentication(authentication);
			this.contexts.setContext(context);
		}
		chain.doFilter(request, response);
	}

	private @Nullable String identity(HttpServletRequest request) {
		String user = request.getHeader(this.userHeader);
		String identity = StringUtils.hasText(user) ? user : request.getHeader(this.emailHeader);
		if (!StringUtils.hasText(identity) || identity.length() > MAX_IDENTITY) {
			return null;
		}
		return identity.trim();
	}

	private boolean fromProxy(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		return this.trusted.stream().anyMatch((matcher) -> matcher.matches(peer));
	}

}
