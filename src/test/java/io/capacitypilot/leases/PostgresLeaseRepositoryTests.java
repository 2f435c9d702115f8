package io.capacitypilot.leases;

import javax.sql.DataSource;

import io.capacitypilot.testsupport.EmbeddedPostgresServer;

/** The repository on a real PostgreSQL server (started from Maven-provided binaries, no Docker). */
class PostgresLeaseRepositoryTests extends LeaseRepositoryTests {

	@Override
	protected DataSource dataSource() {
		return EmbeddedPostgresServer.dataSource();
	}

}
