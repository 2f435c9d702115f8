package io.capacitypilot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server for every test in this JVM, started from Maven-provided binaries (no
 * Docker) on first use and stopped when the JVM exits. Tests that use it start from a clean schema
 * of their own (Flyway clean and migrate) or a database of their own, so sharing the server shares
 * nothing else.
 */
public final class EmbeddedPostgresServer {

	private static EmbeddedPostgres postgres;

	private EmbeddedPostgresServer() {
	}

	public static synchronized DataSource dataSource() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("PostgreSQL did not start", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stop));
		}
		return postgres.getPostgresDatabase();
	}

	/**
	 * The JDBC URL of a new, empty database on the server (user {@code postgres}, no password), for
	 * applications that a test starts on it; one a previous test left under that name is dropped.
	 */
	public static synchronized String freshDatabase(String name) {
		try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the database " + name, ex);
		}
		return postgres.getJdbcUrl("postgres", name);
	}

	private static synchronized void stop() {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// The JVM is going away; the server's files are in a temporary directory.
		}
	}

}
