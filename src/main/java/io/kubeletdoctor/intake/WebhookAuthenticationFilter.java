package io.kubeletdoctor.intake;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects webhook calls without the credential before anything is read. The 401 never says which
 * part was wrong.
 */
class WebhookAuthenticationFilter extends OncePerRequestFilter {

	private final WebhookCredential credential;

	private final IntakeMetrics metrics;

	WebhookAuthenticationFilter(WebhookCredential credential, IntakeMetrics metrics) {
		this.credential = credential;
		this.metrics = metrics;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.credential.accepts(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			chain.doFilter(request, response);
			return;
		}
		this.metrics.rejected("unauthorized");
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kubelet-doctor\"");
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"kubelet-doctor\"");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write("{\"title\":\"Unauthorized\",\"status\":401}");
	}

}
