package io.kubeletdoctor.report;

import javax.sql.DataSource;

import io.kubeletdoctor.support.PostgresSchemas;
import io.kubeletdoctor.support.PostgresTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every report store test again on PostgreSQL: the migrations H2 runs in PostgreSQL mode must build
 * the same schema on the real thing, and every query must mean the same there.
 */
@PostgresTest
class ReportStorePostgresTests extends ReportStoreTests {

	@RegisterExtension
	static final PostgresSchemas schemas = new PostgresSchemas();

	/** A schema of its own per test, in the database of the class. */
	@Override
	DataSource emptyDatabase() {
		return schemas.next();
	}

}
