package io.kubeletdoctor.intake;

import io.kubeletdoctor.report.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps intake failures to the answers Alertmanager acts on: 4xx only for what can never succeed
 * (it never retries those), 503 with Retry-After for everything that may succeed later. Answers name
 * what was wrong in the payload, never an exception or SQL text.
 */
@RestControllerAdvice(assignableTypes = AlertmanagerWebhookController.class)
class IntakeExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(IntakeExceptionHandler.class);

	static final String RETRY_AFTER_SECONDS = "30";

	// Web test slices load every advice but not the intake's beans: count when the metrics exist.
	private final ObjectProvider<IntakeMetrics> metrics;

	IntakeExceptionHandler(ObjectProvider<IntakeMetrics> metrics) {
		this.metrics = metrics;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidPayloadException ex) {
		this.metrics.ifAvailable((m) -> m.rejected("invalid"));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid Alertmanager payload");
		problem.setProperty("field", ex.field());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException ex) {
		this.metrics.ifAvailable((m) -> m.rejected("too-large"));
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unstorable(UnstorableNotificationException ex) {
		this.metrics.ifAvailable((m) -> m.rejected("unstorable"));
		// The cause quotes the payload's values, so it is logged as escaped text, not as a stack trace.
		logger.error("Webhook answered 422: {} ({})", ex.getMessage(), causeText(ex));
		return ResponseEntity.unprocessableContent()
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage()));
	}

	/** The cause goes to the log only: no answer carries exception or SQL text. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(IntakeUnavailableException ex) {
		this.metrics.ifAvailable((m) -> m.rejected("unavailable"));
		logger.warn("Webhook answered 503: {}{}", ex.getMessage(),
				(ex.getCause() != null) ? " (" + causeText(ex) + ")" : "");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(problem);
	}

	/** The innermost cause for the log, its control characters escaped: it may quote alert labels. */
	private static String causeText(Exception ex) {
		return LogText.escape(NestedExceptionUtils.getMostSpecificCause(ex));
	}

}
