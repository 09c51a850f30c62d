package io.kubeletdoctor.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs {@link PostgresTest} classes when PostgreSQL is reachable; skips them, or fails them in CI. */
class PostgresCondition implements ExecutionCondition {

	private static final String HOW = "start PostgreSQL on 127.0.0.1:5432 with a database 'test' that user 'postgres' "
			+ "reaches without a password, or set KUBELET_DOCTOR_TEST_POSTGRES_URL, _USER and _PASSWORD";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String reason = TestPostgres.unavailableReason();
		if (reason == null) {
			return ConditionEvaluationResult.enabled("PostgreSQL is reachable at " + TestPostgres.URL);
		}
		if (System.getenv("CI") != null) {
			throw new IllegalStateException("CI is set, so the PostgreSQL tests must run, but " + reason + ": " + HOW);
		}
		String message = "PostgreSQL tests skipped: " + reason + "; to run them, " + HOW;
		System.err.println(context.getDisplayName() + ": " + message);
		return ConditionEvaluationResult.disabled(message);
	}

}
