package io.kubeletdoctor.support;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One PostgreSQL database per test class and an empty schema in it per test, for a store test that
 * runs its H2 tests again on PostgreSQL. Register it as a static field with {@code @RegisterExtension}
 * on a {@link PostgresTest} class.
 */
public final class PostgresSchemas implements BeforeAllCallback, AfterAllCallback {

	private final AtomicInteger schemas = new AtomicInteger();

	private TestPostgres.@Nullable Database database;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.database = TestPostgres.createDatabase();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.database != null) {
			this.database.close();
		}
	}

	/** A new schema without tables, in the database of the class. */
	public DataSource next() {
		if (this.database == null) {
			throw new IllegalStateException("No database: register PostgresSchemas as a static extension");
		}
		return this.database.dataSource("test_" + this.schemas.incrementAndGet());
	}

}
