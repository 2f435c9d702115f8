package io.capacitypilot.leases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Leases as stored. Changes are conditional on the row being as it was read, so racing writers never lose one. */
@Repository
class LeaseRepository {

	private static final String SELECT = "SELECT * FROM lease";

	private static final String ACTIVE = "state IN ('provisioning', 'ready')";

	private final JdbcClient jdbc;

	LeaseRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new lease.
	 * @throws org.springframework.dao.DuplicateKeyException when the group already has a lease with
	 * the same client key
	 */
	void insert(Lease lease) {
		this.jdbc.sql("""
				INSERT INTO lease (id, group_name, capacity, ttl_ms, reason, client_key, state, created_at, expires_at,
				    ready_at, released_at, in_service, healthy)
				VALUES (:id, :group, :capacity, :ttl, :reason, :key, :state, :created, :expires, :ready, :released,
				    :inService, :healthy)""")
			.param("id", lease.id())
			.param("group", lease.groupName())
			.param("capacity", lease.capacity())
			.param("ttl", lease.ttl().toMillis())
			.param("reason", lease.reason())
			.param("key", lease.clientKey())
			.param("state", lease.state().value())
			.param("created", timestamp(lease.createdAt()))
			.param("expires", timestamp(lease.expiresAt()))
			.param("ready", timestamp(lease.readyAt()))
			.param("released", timestamp(lease.releasedAt()))
			.param("inService", lease.inService())
			.param("healthy", lease.healthy())
			.update();
	}

	/**
	 * Replaces {@code previous} with {@code next}, only if the row is still as {@code previous}
	 * says; returns whether it was.
	 */
	boolean update(Lease previous, Lease next) {
		return this.jdbc.sql("""
				UPDATE lease SET state = :state, ready_at = :ready, released_at = :released, in_service = :inService,
				    healthy = :healthy
				WHERE id = :id AND state = :previousState AND in_service = :previousInService
				    AND healthy = :previousHealthy""")
			.param("state", next.state().value())
			.param("ready", timestamp(next.readyAt()))
			.param("released", timestamp(next.releasedAt()))
			.param("inService", next.inService())
			.param("healthy", next.healthy())
			.param("id", previous.id())
			.param("previousState", previous.state().value())
			.param("previousInService", previous.inService())
			.param("previousHealthy", previous.healthy())
			.update() == 1;
	}

	Optional<Lease> findById(String groupName, String id) {
		return this.jdbc.sql(SELECT + " WHERE group_name = ? AND id = ?")
			.params(groupName, id)
			.query(LeaseRepository::lease)
			.optional();
	}

	Optional<Lease> findByClientKey(String groupName, String clientKey) {
		return this.jdbc.sql(SELECT + " WHERE group_name = ? AND client_key = ?")
			.params(groupName, clientKey)
			.query(LeaseRepository::lease)
			.optional();
	}

	List<Lease> findActive(String groupName) {
		return this.jdbc.sql(SELECT + " WHERE group_name = ? AND " + ACTIVE + " ORDER BY created_at")
			.param(groupName)
			.query(LeaseRepository::lease)
			.list();
	}

	List<Lease> findActive() {
		return this.jdbc.sql(SELECT + " WHERE " + ACTIVE + " ORDER BY group_name, created_at")
			.query(LeaseRepository::lease)
			.list();
	}

	/** The group's active leases and those that ended since {@code since}, newest first. */
	List<Lease> findRecent(String groupName, Instant since) {
		return this.jdbc.sql(SELECT + " WHERE group_name = :group AND (" + ACTIVE
				+ " OR (state = 'expired' AND expires_at >= :since) OR (state = 'released' AND released_at >= :since))"
				+ " ORDER BY created_at DESC, id")
			.param("group", groupName)
			.param("since", timestamp(since))
			.query(LeaseRepository::lease)
			.list();
	}

	private static Lease lease(ResultSet rs, int row) throws SQLException {
		return new Lease(rs.getString("id"), rs.getString("group_name"), rs.getInt("capacity"),
				Duration.ofMillis(rs.getLong("ttl_ms")), rs.getString("reason"), rs.getString("client_key"),
				LeaseState.of(rs.getString("state")), instant(rs, "created_at"), instant(rs, "expires_at"),
				instant(rs, "ready_at"), instant(rs, "released_at"), rs.getInt("in_service"), rs.getInt("healthy"));
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
