package io.kubeletdoctor.support;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Databases for the store tests that build their schema with the service's own migrations. */
public final class StoreDatabases {

	private StoreDatabases() {
	}

	/** A new in-memory H2 database without tables, in the PostgreSQL mode the service runs H2 in. */
	public static DataSource emptyH2() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		return dataSource;
	}

	/** Runs the Flyway migrations on an empty database and returns a client on it. */
	public static JdbcClient migrated(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return JdbcClient.create(dataSource);
	}

}
