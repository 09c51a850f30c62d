package io.kubeletdoctor.intake;

import io.kubeletdoctor.support.TestPostgres;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The jqwik counterpart of {@code @PostgresTest}: skips a container when no PostgreSQL server can
 * make it a database, except when {@code CI} is set, where it fails.
 */
public class PostgresAvailable implements SkipExecutionHook {

	@Override
	public SkipResult shouldBeSkipped(LifecycleContext context) {
		try (TestPostgres.Database probe = TestPostgres.createDatabase()) {
			return SkipResult.doNotSkip();
		}
		catch (IllegalStateException ex) {
			if (System.getenv("CI") != null) {
				throw new IllegalStateException("CI is set, so the PostgreSQL properties must run", ex);
			}
			return SkipResult.skip("PostgreSQL properties skipped: " + ex.getMessage());
		}
	}

}
