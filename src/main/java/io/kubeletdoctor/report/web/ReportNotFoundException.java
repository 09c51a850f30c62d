package io.kubeletdoctor.report.web;

/** No report has the requested id (unknown, or removed by retention). */
class ReportNotFoundException extends RuntimeException {

	private final String id;

	ReportNotFoundException(String id) {
		super("No report with id " + id);
		this.id = id;
	}

	String id() {
		return this.id;
	}

}
