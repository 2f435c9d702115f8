package io.capacitypilot.retention;

import javax.sql.DataSource;

import io.capacitypilot.testsupport.EmbeddedPostgresServer;

/** Retention on a real PostgreSQL server (started from Maven-provided binaries, no Docker). */
class PostgresRetentionTests extends RetentionTests {

	@Override
	protected DataSource dataSource() {
		return EmbeddedPostgresServer.dataSource();
	}

}
