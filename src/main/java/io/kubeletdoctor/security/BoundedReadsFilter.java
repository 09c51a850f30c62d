package io.kubeletdoctor.security;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves at most a few page and API reads at once, so readers, however many, never hold more
 * than that many database connections and the webhook and the diagnoses always find one free.
 * A read that waits longer than its turn is answered 503 with {@code Retry-After}. The webhook,
 * the actuator and the static files are not counted.
 */
class BoundedReadsFilter extends OncePerRequestFilter {

	private final Semaphore permits;

	private final Duration wait;

	BoundedReadsFilter(int maxConcurrentReads, Duration wait) {
		if (maxConcurrentReads < 1) {
			throw new IllegalStateException("kubelet-doctor.ui.max-concurrent-reads must be at least 1");
		}
		this.permits = new Semaphore(maxConcurrentReads, true);
		this.wait = wait;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals(ReadAccessConfiguration.WEBHOOK) || path.startsWith("/actuator/")
				|| path.startsWith("/css/") || path.startsWith("/js/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean acquired;
		try {
			acquired = this.permits.tryAcquire(this.wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			acquired = false;
		}
		if (!acquired) {
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write("{\"title\":\"Too many reads at once, try again\",\"status\":503}");
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.permits.release();
		}
	}

}
