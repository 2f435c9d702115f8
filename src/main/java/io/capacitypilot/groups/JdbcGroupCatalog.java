package io.capacitypilot.groups;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.Policy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Groups as stored. Policies are not decoded yet: the policy API brings their document format. */
@Repository
class JdbcGroupCatalog implements GroupCatalog {

	private static final String SELECT_GROUP = "SELECT * FROM scaling_group";

	private final JdbcClient jdbc;

	JdbcGroupCatalog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<ManagedGroup> findAllGroups() {
		return this.jdbc.sql(SELECT_GROUP + " ORDER BY name").query(this::group).list();
	}

	@Override
	public Optional<ManagedGroup> findGroup(String name) {
		return this.jdbc.sql(SELECT_GROUP + " WHERE name = ?").param(name).query(this::group).optional();
	}

	@Override
	public List<Policy> findPolicies(String groupName) {
		return List.of();
	}

	private ManagedGroup group(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ManagedGroup(rs.getString("name"), rs.getString("auto_scaling_group_name"), rs.getString("region"),
				rs.getObject("min_capacity", Integer.class), rs.getObject("max_capacity", Integer.class),
				Duration.ofMillis(rs.getLong("evaluation_interval_ms")), Mode.valueOf(rs.getString("mode")),
				Behavior.NONE, false, instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
