package io.capacitypilot.groups;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.Policy;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Groups and their policies in the database. Every write is checked first and runs in one
 * transaction, so a rejected or failed request leaves nothing behind. Policies are stored in their
 * {@link PolicyJson} form.
 */
@Repository
public class GroupRepository implements GroupCatalog {

	private static final String SELECT_GROUP = "SELECT * FROM scaling_group";

	private static final String POLICIES = """
			SELECT p.spec, p.group_name, g.region, g.role_arn FROM scaling_policy p
			JOIN scaling_group g ON g.name = p.group_name""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public GroupRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.events = events;
		this.clock = clock;
	}

	@Override
	public List<ManagedGroup> findAllGroups() {
		return this.jdbc.sql(SELECT_GROUP + " ORDER BY name").query(GroupRepository::group).list();
	}

	@Override
	public Optional<ManagedGroup> findGroup(String name) {
		return this.jdbc.sql(SELECT_GROUP + " WHERE name = ?").param(name).query(GroupRepository::group).optional();
	}

	/** Stores a new group; its timestamps are set here. */
	public ManagedGroup create(ManagedGroup group) {
		DefinitionValidator.check(group);
		OffsetDateTime now = now();
		return this.transactions.execute((status) -> {
			try {
				this.jdbc.sql("""
						INSERT INTO scaling_group (name, auto_scaling_group_name, region, min_capacity, max_capacity,
							evaluation_interval_ms, mode, behavior, leases_may_raise_max, actuation, role_arn, created_at,
							updated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
					.params(group.name(), group.autoScalingGroupName(), group.region(), group.minCapacity(),
							group.maxCapacity(), group.evaluationInterval().toMillis(), group.mode().name(),
							behaviorColumn(group.behavior()), group.leasesMayRaiseMax(),
							actuationColumn(group.actuation()), group.roleArn(), now, now)
					.update();
			}
			catch (DuplicateKeyException ex) {
				throw new DuplicateNameException("A group named '" + group.name() + "' already exists");
			}
			return requireGroup(group.name());
		});
	}

	/** Replaces everything of the group but its name and creation time. */
	public ManagedGroup update(ManagedGroup group) {
		DefinitionValidator.check(group);
		return this.transactions.execute((status) -> {
			int updated = this.jdbc.sql("""
					UPDATE scaling_group SET auto_scaling_group_name = ?, region = ?, min_capacity = ?,
						max_capacity = ?, evaluation_interval_ms = ?, mode = ?, behavior = ?, leases_may_raise_max = ?,
						actuation = ?, role_arn = ?, updated_at = ?
					WHERE name = ?""")
				.params(group.autoScalingGroupName(), group.region(), group.minCapacity(), group.maxCapacity(),
						group.evaluationInterval().toMillis(), group.mode().name(), behaviorColumn(group.behavior()),
						group.leasesMayRaiseMax(), actuationColumn(group.actuation()), group.roleArn(), now(),
						group.name())
				.update();
			if (updated == 0) {
				throw UnknownNameException.group(group.name());
			}
			return requireGroup(group.name());
		});
	}

	/** Changes the mode alone, in one statement, so that it cannot undo a concurrent change of the rest. */
	public ManagedGroup changeMode(String name, Mode mode) {
		if (mode == null) {
			throw InvalidDefinitionException.of("mode", "must not be null");
		}
		return this.transactions.execute((status) -> {
			if (this.jdbc.sql("UPDATE scaling_group SET mode = ?, updated_at = ? WHERE name = ?")
				.params(mode.name(), now(), name)
				.update() == 0) {
				throw UnknownNameException.group(name);
			}
			return requireGroup(name);
		});
	}

	/** Deletes the group with its policies and tells whoever keeps state about it. */
	public void delete(String name) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("DELETE FROM scaling_policy WHERE group_name = ?").param(name).update();
			if (this.jdbc.sql("DELETE FROM scaling_group WHERE name = ?").param(name).update() == 0) {
				throw UnknownNameException.group(name);
			}
			// Inside the transaction: a listener that cannot clean up undoes the deletion.
			this.events.publishEvent(new GroupDeleted(name));
		});
	}

	/** The group's policies, each as the group evaluates it (see {@link PolicyJson#readPolicy(String, String, String, String)}). */
	@Override
	public List<Policy> findPolicies(String groupName) {
		return this.jdbc.sql(POLICIES + " WHERE p.group_name = ? ORDER BY p.name")
			.param(groupName)
			.query(GroupRepository::policy)
			.list();
	}

	public Optional<Policy> findPolicy(String groupName, String name) {
		return this.jdbc.sql(POLICIES + " WHERE p.group_name = ? AND p.name = ?")
			.params(groupName, name)
			.query(GroupRepository::policy)
			.optional();
	}

	private static Policy policy(ResultSet rs, int row) throws SQLException {
		return PolicyJson.readPolicy(rs.getString("spec"), rs.getString("group_name"), rs.getString("region"),
				rs.getString("role_arn"));
	}

	public Policy createPolicy(String groupName, Policy policy) {
		DefinitionValidator.check(policy);
		OffsetDateTime now = now();
		return this.transactions.execute((status) -> {
			requireGroup(groupName);
			try {
				this.jdbc.sql("""
						INSERT INTO scaling_policy (group_name, name, type, spec, created_at, updated_at)
						VALUES (?, ?, ?, ?, ?, ?)""")
					.params(groupName, policy.name(), PolicyJson.typeOf(policy), PolicyJson.write(policy), now, now)
					.update();
			}
			catch (DuplicateKeyException ex) {
				throw new DuplicateNameException(
						"Group '" + groupName + "' already has a policy named '" + policy.name() + "'");
			}
			return requirePolicy(groupName, policy.name());
		});
	}

	/** Replaces the policy of the same name; its type may change. */
	public Policy updatePolicy(String groupName, Policy policy) {
		DefinitionValidator.check(policy);
		return this.transactions.execute((status) -> {
			requireGroup(groupName);
			int updated = this.jdbc
				.sql("UPDATE scaling_policy SET type = ?, spec = ?, updated_at = ? WHERE group_name = ? AND name = ?")
				.params(PolicyJson.typeOf(policy), PolicyJson.write(policy), now(), groupName, policy.name())
				.update();
			if (updated == 0) {
				throw UnknownNameException.policy(groupName, policy.name());
			}
			return requirePolicy(groupName, policy.name());
		});
	}

	public void deletePolicy(String groupName, String name) {
		this.transactions.executeWithoutResult((status) -> {
			requireGroup(groupName);
			if (this.jdbc.sql("DELETE FROM scaling_policy WHERE group_name = ? AND name = ?")
				.params(groupName, name)
				.update() == 0) {
				throw UnknownNameException.policy(groupName, name);
			}
		});
	}

	private ManagedGroup requireGroup(String name) {
		return findGroup(name).orElseThrow(() -> UnknownNameException.group(name));
	}

	private Policy requirePolicy(String groupName, String name) {
		return findPolicy(groupName, name).orElseThrow(() -> UnknownNameException.policy(groupName, name));
	}

	/** Both databases keep microseconds; truncating here makes what is read back equal what was written. */
	private OffsetDateTime now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
	}

	private static String behaviorColumn(Behavior behavior) {
		return (behavior == null || Behavior.NONE.equals(behavior)) ? null : PolicyJson.write(behavior);
	}

	private static String actuationColumn(Actuation actuation) {
		return (actuation == null || Actuation.DEFAULT.equals(actuation)) ? null : PolicyJson.write(actuation);
	}

	private static ManagedGroup group(ResultSet rs, int row) throws SQLException {
		return new ManagedGroup(rs.getString("name"), rs.getString("auto_scaling_group_name"), rs.getString("region"),
				rs.getObject("min_capacity", Integer.class), rs.getObject("max_capacity", Integer.class),
				Duration.ofMillis(rs.getLong("evaluation_interval_ms")), Mode.valueOf(rs.getString("mode")),
				PolicyJson.readBehavior(rs.getString("behavior")), rs.getBoolean("leases_may_raise_max"),
				PolicyJson.readActuation(rs.getString("actuation")), rs.getString("role_arn"), instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
