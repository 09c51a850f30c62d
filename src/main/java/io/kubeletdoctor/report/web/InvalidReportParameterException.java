package io.kubeletdoctor.report.web;

/** A query parameter the report endpoints cannot use; the message is safe to show to the caller. */
class InvalidReportParameterException extends RuntimeException {

	private final String parameter;

	InvalidReportParameterException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	String parameter() {
		return this.parameter;
	}

}
