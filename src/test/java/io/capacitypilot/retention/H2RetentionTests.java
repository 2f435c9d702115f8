package io.capacitypilot.retention;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Retention on H2 in PostgreSQL mode, as the embedded default runs it. */
class H2RetentionTests extends RetentionTests {

	private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:retention;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
			"sa", "");

	@Override
	protected DataSource dataSource() {
		return this.dataSource;
	}

}
