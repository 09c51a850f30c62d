package io.kubeletdoctor.retention;

import javax.sql.DataSource;

import io.kubeletdoctor.support.PostgresSchemas;
import io.kubeletdoctor.support.PostgresTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every retention test again on PostgreSQL, whose planner and NULL handling the deletes must suit too. */
@PostgresTest
class RetentionPostgresTests extends RetentionTests {

	@RegisterExtension
	static final PostgresSchemas schemas = new PostgresSchemas();

	@Override
	DataSource emptyDatabase() {
		return schemas.next();
	}

}
