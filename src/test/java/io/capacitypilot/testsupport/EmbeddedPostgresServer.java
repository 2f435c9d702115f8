package io.capacitypilot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server for every test in this JVM, started from Maven-provided binaries (no
 * Docker) on first use and stopped when the JVM exits. Tests that use it start from a clean schema
 * of their own (Flyway clean and migrate), so sharing the server shares nothing else.
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

	private static synchronized void stop() {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// The JVM is going away; the server's files are in a temporary directory.
		}
	}

}
