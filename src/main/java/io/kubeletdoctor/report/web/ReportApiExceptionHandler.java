package io.kubeletdoctor.report.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns the JSON API's errors into problem details. Scoped to the API controller so the HTML pages
 * keep their own error pages. Ordered ahead of Boot's generic problem-detail advice, so a
 * malformed {@code limit} still names its parameter.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = ReportApiController.class)
class ReportApiExceptionHandler {

	@ExceptionHandler
	ProblemDetail reportNotFound(ReportNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No report has the id '" + ex.id() + "'.");
		problem.setTitle("Report not found");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail invalidParameter(InvalidReportParameterException ex) {
		return badParameter(ex.parameter(), ex.getMessage());
	}

	/** A value Spring could not convert, such as {@code limit=ten}. */
	@ExceptionHandler
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		return badParameter(ex.getName(), "Parameter '" + ex.getName() + "' has an invalid value.");
	}

	private ProblemDetail badParameter(String parameter, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid parameter");
		problem.setProperty("parameter", parameter);
		return problem;
	}

}
