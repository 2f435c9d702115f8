package io.capacitypilot.testsupport;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * The application's schema, from nothing: drops whatever a previous test left and applies the
 * Flyway migrations, so that repository tests run on exactly what the service creates.
 */
public final class FreshSchema {

	private FreshSchema() {
	}

	public static DataSource on(DataSource dataSource) {
		Flyway flyway = Flyway.configure().dataSource(dataSource).cleanDisabled(false).load();
		flyway.clean();
		flyway.migrate();
		return dataSource;
	}

}
