package io.capacitypilot.groups;

import javax.sql.DataSource;

import io.capacitypilot.testsupport.EmbeddedPostgresServer;

/** The repository on a real PostgreSQL server (started from Maven-provided binaries, no Docker). */
class PostgresGroupRepositoryTests extends GroupRepositoryTests {

	@Override
	protected DataSource dataSource() {
		return EmbeddedPostgresServer.dataSource();
	}

}
