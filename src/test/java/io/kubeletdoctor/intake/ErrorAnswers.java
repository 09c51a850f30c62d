package io.kubeletdoctor.intake;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §4.1: no error answer of the webhook carries exception or SQL text. */
final class ErrorAnswers {

	private static final String[] EXCEPTION_OR_SQL_TEXT = { "Exception", "SQL", "jdbc", "org.", "java.",
			"tools.jackson", "[Source", "Caused by", "\\tat ", "constraint", "CONSTRAINT", "INSERT", "SELECT" };

	private ErrorAnswers() {
	}

	static void assertNoExceptionOrSqlText(String body) {
		assertThat(body).doesNotContain(EXCEPTION_OR_SQL_TEXT);
	}

}
