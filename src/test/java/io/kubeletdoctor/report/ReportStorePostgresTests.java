package io.kubeletdoctor.report;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.kubeletdoctor.support.PostgresTest;
import io.kubeletdoctor.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every report store test again on PostgreSQL: the migrations H2 runs in PostgreSQL mode must build
 * the same schema on the real thing, and every query must mean the same there.
 */
@PostgresTest
class ReportStorePostgresTests extends ReportStoreTests {

	private static final AtomicInteger SCHEMAS = new AtomicInteger();

	private static TestPostgres.Database database;

	@BeforeAll
	static void createDatabase() {
		database = TestPostgres.createDatabase();
	}

	@AfterAll
	static void dropDatabase() {
		if (database != null) {
			database.close();
		}
	}

	/** A schema of its own per test, in the database of the class. */
	@Override
	DataSource emptyDatabase() {
		return database.dataSource("test_" + SCHEMAS.incrementAndGet());
	}

}
