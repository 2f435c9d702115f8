package io.capacitypilot.groups;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** The repository on H2 in PostgreSQL mode, as the embedded default runs it. */
class H2GroupRepositoryTests extends GroupRepositoryTests {

	@Override
	protected DataSource dataSource() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:groups;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		dataSource.setUser("sa");
		return dataSource;
	}

}
