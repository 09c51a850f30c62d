package io.kubeletdoctor.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The PostgreSQL server the tests use: {@code jdbc:postgresql://127.0.0.1:5432/test} as user
 * {@code postgres} unless {@code KUBELET_DOCTOR_TEST_POSTGRES_URL}, {@code _USER} and
 * {@code _PASSWORD} say otherwise. Every test class creates a database of its own
 * ({@code kd_test_<random>}) and drops it when done, so runs never see each other's data.
 */
public final class TestPostgres {

	static final String URL = setting("KUBELET_DOCTOR_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	static final String USER = setting("KUBELET_DOCTOR_TEST_POSTGRES_USER", "postgres");

	static final String PASSWORD = setting("KUBELET_DOCTOR_TEST_POSTGRES_PASSWORD", "");

	private static final Pattern SERVER_AND_DATABASE = Pattern
		.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]*)(\\?.*)?");

	private static volatile @Nullable String unavailable;

	private static volatile boolean checked;

	private TestPostgres() {
	}

	/** Why no test can use PostgreSQL, or null when it is there. Asked once per JVM. */
	static synchronized @Nullable String unavailableReason() {
		if (!checked) {
			try (Connection connection = connect(URL)) {
				unavailable = null;
			}
			catch (SQLException | RuntimeException ex) {
				unavailable = "no PostgreSQL reachable at " + URL + " as " + USER + " (" + ex.getMessage() + ")";
			}
			checked = true;
		}
		return unavailable;
	}

	/** A new, empty database on the test server, dropped when the returned handle is closed. */
	public static Database createDatabase() {
		String name = "kd_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		execute(URL, "CREATE DATABASE " + name);
		return new Database(name, withDatabase(URL, name));
	}

	private static String withDatabase(String url, String database) {
		Matcher matcher = matcher(url);
		return "jdbc:postgresql://" + matcher.group(1) + ":" + port(matcher) + "/" + database
				+ ((matcher.group(4) != null) ? matcher.group(4) : "");
	}

	private static Matcher matcher(String url) {
		Matcher matcher = SERVER_AND_DATABASE.matcher(url);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a jdbc:postgresql://host[:port]/database URL: " + url);
		}
		return matcher;
	}

	private static int port(Matcher matcher) {
		return (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 5432;
	}

	private static Connection connect(String url) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", USER);
		properties.setProperty("password", PASSWORD);
		properties.setProperty("connectTimeout", "3");
		return DriverManager.getConnection(url, properties);
	}

	private static void execute(String url, String sql) {
		try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("'" + sql + "' failed on " + url + ": " + ex.getMessage(), ex);
		}
	}

	private static String setting(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	/** A database of one test class. */
	public record Database(String name, String url) implements AutoCloseable {

		public String user() {
			return USER;
		}

		public String password() {
			return PASSWORD;
		}

		public String host() {
			return matcher(this.url).group(1);
		}

		public int port() {
			return TestPostgres.port(matcher(this.url));
		}

		/** The URL of this database reached through another address (a proxy in front of the server). */
		public String urlThrough(String host, int port) {
			Matcher matcher = matcher(this.url);
			return "jdbc:postgresql://" + host + ":" + port + "/" + matcher.group(3)
					+ ((matcher.group(4) != null) ? matcher.group(4) : "");
		}

		public DataSource dataSource() {
			return new DriverManagerDataSource(this.url, USER, PASSWORD);
		}

		/** A data source whose connections work in {@code schema}, created here if missing. */
		public DataSource dataSource(String schema) {
			execute(this.url, "CREATE SCHEMA IF NOT EXISTS " + schema);
			String separator = this.url.contains("?") ? "&" : "?";
			return new DriverManagerDataSource(this.url + separator + "currentSchema=" + schema, USER, PASSWORD);
		}

		public JdbcClient jdbc() {
			return JdbcClient.create(dataSource());
		}

		/** Drops the database, ending the sessions still open on it (replicas killed by the test). */
		@Override
		public void close() {
			execute(URL, "DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		}

	}

}
