package io.capacitypilot.leases;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The repository on H2 in PostgreSQL mode, as the embedded default runs it. */
class H2LeaseRepositoryTests extends LeaseRepositoryTests {

	private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:lease-repository;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
					+ "DB_CLOSE_DELAY=-1",
			"sa", "");

	@Override
	protected DataSource dataSource() {
		return this.dataSource;
	}

}
