package io.kubeletdoctor.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a read without a valid credential with 401 and a problem body that names nothing about
 * the credential. In {@code token} mode it offers Bearer and Basic, so a browser asks for the
 * token (any user name) and then shows the page it was sent to.
 */
class ReadAccessEntryPoint implements AuthenticationEntryPoint {

	private final boolean offerToken;

	ReadAccessEntryPoint(boolean offerToken) {
		this.offerToken = offerToken;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		if (this.offerToken) {
			response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kubelet-doctor reports\"");
			response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"kubelet-doctor reports\", charset=\"UTF-8\"");
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write("{\"title\":\"Unauthorized\",\"status\":401}");
	}

}
