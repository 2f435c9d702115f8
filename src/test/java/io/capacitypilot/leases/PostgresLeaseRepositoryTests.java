package io.capacitypilot.leases;

import java.io.IOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The repository on a real PostgreSQL server (started from Maven-provided binaries, no Docker). */
class PostgresLeaseRepositoryTests extends LeaseRepositoryTests {

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@Override
	protected DataSource dataSource() {
		return postgres.getPostgresDatabase();
	}

}
