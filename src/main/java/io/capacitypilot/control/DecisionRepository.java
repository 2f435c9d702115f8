package io.capacitypilot.control;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.capacitypilot.engine.Direction;
import io.capacitypilot.engine.Mode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Stores decisions and reads them back for the API and as the engine's history. */
@Repository
public class DecisionRepository {

	private static final String COLUMNS = "id, group_name, evaluated_at, replica, mode, current_capacity, "
			+ "serving_capacity, combined_recommendation, desired_capacity, direction, action, outcome, error, "
			+ "summary, detail";

	private final JdbcClient jdbc;

	public DecisionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a decision; returns it with its id. */
	public Decision save(Decision decision) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO decision (group_name, evaluated_at, replica, mode, current_capacity, serving_capacity,
				    combined_recommendation, desired_capacity, direction, action, outcome, error, summary, detail)
				VALUES (:group, :at, :replica, :mode, :current, :serving, :combined, :desired, :direction, :action,
				    :outcome, :error, :summary, :detail)""")
			.param("group", decision.groupName())
			.param("at", OffsetDateTime.ofInstant(decision.evaluatedAt(), ZoneOffset.UTC))
			.param("replica", decision.replica())
			.param("mode", decision.mode().name())
			.param("current", decision.currentCapacity())
			.param("serving", decision.servingCapacity())
			.param("combined", decision.combinedRecommendation())
			.param("desired", decision.desiredCapacity())
			.param("direction", decision.direction().name())
			.param("action", decision.action().name())
			.param("outcome", decision.outcome().name())
			.param("error", truncate(decision.error(), 2000))
			.param("summary", truncate(decision.summary(), 1000))
			.param("detail", decision.detail())
			.update(keys, "id");
		return decision.withId(keys.getKeyAs(Number.class).longValue());
	}

	/** Records how a decision's scale-in ended, once its last step finished. */
	public void complete(long id, Outcome outcome, String error) {
		this.jdbc.sql("UPDATE decision SET outcome = :outcome, error = :error WHERE id = :id")
			.param("outcome", outcome.name())
			.param("error", truncate(error, 2000))
			.param("id", id)
			.update();
	}

	/** A page of a group's decisions, newest first. */
	public List<Decision> findPage(String groupName, int page, int size) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM decision WHERE group_name = :group ORDER BY evaluated_at DESC, id DESC LIMIT :size OFFSET :offset")
			.param("group", groupName)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(DecisionRepository::map)
			.list();
	}

	public long count(String groupName) {
		return this.jdbc.sql("SELECT COUNT(*) FROM decision WHERE group_name = :group")
			.param("group", groupName)
			.query(Long.class)
			.single();
	}

	/** A group's decisions since a time, oldest first: the engine's memory. */
	public List<Decision> findSince(String groupName, Instant since) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM decision WHERE group_name = :group AND evaluated_at >= :since ORDER BY evaluated_at, id")
			.param("group", groupName)
			.param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
			.query(DecisionRepository::map)
			.list();
	}

	public Optional<Decision> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM decision WHERE id = :id")
			.param("id", id)
			.query(DecisionRepository::map)
			.optional();
	}

	/** The decisions with these ids, by id. */
	public List<Decision> findAllById(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM decision WHERE id IN (:ids) ORDER BY id")
			.param("ids", ids)
			.query(DecisionRepository::map)
			.list();
	}

	/** The ids of the decisions stored after the one with this id (read from the primary key alone). */
	public List<Long> findIdsAfter(long id) {
		return this.jdbc.sql("SELECT id FROM decision WHERE id > :id ORDER BY id").param("id", id).query(Long.class).list();
	}

	/** The highest id given to a decision so far, or 0. */
	public long findLatestId() {
		return this.jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM decision").query(Long.class).single();
	}

	public Optional<Decision> findLatest(String groupName) {
		return findPage(groupName, 0, 1).stream().findFirst();
	}

	public void deleteByGroup(String groupName) {
		this.jdbc.sql("DELETE FROM decision WHERE group_name = :group").param("group", groupName).update();
	}

	private static Decision map(ResultSet rs, int row) throws SQLException {
		return new Decision(rs.getLong("id"), rs.getString("group_name"), instant(rs, "evaluated_at"),
				rs.getString("replica"), Mode.valueOf(rs.getString("mode")), rs.getInt("current_capacity"),
				rs.getInt("serving_capacity"), rs.getObject("combined_recommendation", Integer.class),
				rs.getInt("desired_capacity"), Direction.valueOf(rs.getString("direction")),
				Action.valueOf(rs.getString("action")), Outcome.valueOf(rs.getString("outcome")), rs.getString("error"),
				rs.getString("summary"), rs.getString("detail"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
