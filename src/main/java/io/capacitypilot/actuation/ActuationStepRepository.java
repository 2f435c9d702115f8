package io.capacitypilot.actuation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The steps of scale-ins, stored as they go. */
@Repository
public class ActuationStepRepository {

	/** Independent of the application's mapper settings: what is stored must read back the same. */
	private static final JsonMapper STORAGE = JsonMapper.builder().build();

	private static final TypeReference<List<ActuationStep.Transition>> TRANSITIONS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	public ActuationStepRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ActuationStep insert(ActuationStep step) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO actuation_step (decision_id, group_name, instance_id, state, attempts, updated_at, history)
				VALUES (:decision, :group, :instance, :state, :attempts, :at, :history)""")
			.param("decision", step.decisionId())
			.param("group", step.groupName())
			.param("instance", step.instanceId())
			.param("state", step.state().name())
			.param("attempts", step.attempts())
			.param("at", timestamp(step.updatedAt()))
			.param("history", STORAGE.writeValueAsString(step.history()))
			.update(keys, "id");
		return step.withId(keys.getKeyAs(Number.class).longValue());
	}

	ActuationStep update(ActuationStep step) {
		this.jdbc.sql("""
				UPDATE actuation_step SET state = :state, attempts = :attempts, updated_at = :at, drain_until = :until,
				    terminated_after = :terminatedAfter, history = :history, error = :error
				WHERE id = :id""")
			.param("state", step.state().name())
			.param("attempts", step.attempts())
			.param("at", timestamp(step.updatedAt()))
			.param("until", timestamp(step.drainUntil()))
			.param("terminatedAfter", step.terminatedAfter())
			.param("history", STORAGE.writeValueAsString(step.history()))
			.param("error", truncate(step.error()))
			.param("id", step.id())
			.update();
		return step;
	}

	/** A group's steps that are not done nor failed, oldest first. */
	public List<ActuationStep> findUnfinished(String groupName) {
		return this.jdbc
			.sql("SELECT * FROM actuation_step WHERE group_name = :group AND state NOT IN ('DONE', 'FAILED') ORDER BY id")
			.param("group", groupName)
			.query(ActuationStepRepository::map)
			.list();
	}

	/** The decisions whose scale-ins are under way: they have steps not done nor failed. */
	public List<Long> findDecisionsUnderWay() {
		return this.jdbc
			.sql("SELECT DISTINCT decision_id FROM actuation_step WHERE state NOT IN ('DONE', 'FAILED') ORDER BY decision_id")
			.query(Long.class)
			.list();
	}

	/** The steps a decision started, in the order its victims were chosen. */
	public List<ActuationStep> findByDecision(long decisionId) {
		return this.jdbc.sql("SELECT * FROM actuation_step WHERE decision_id = :decision ORDER BY id")
			.param("decision", decisionId)
			.query(ActuationStepRepository::map)
			.list();
	}

	/** How many of a group's instances were terminated after the given decision read its capacity. */
	public int countTerminatedAfter(String groupName, long decisionId) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM actuation_step WHERE group_name = :group AND terminated_after = :decision")
			.param("group", groupName)
			.param("decision", decisionId)
			.query(Integer.class)
			.single();
	}

	public void deleteByGroup(String groupName) {
		this.jdbc.sql("DELETE FROM actuation_step WHERE group_name = :group").param("group", groupName).update();
	}

	private static ActuationStep map(ResultSet rs, int row) throws SQLException {
		return new ActuationStep(rs.getLong("id"), rs.getLong("decision_id"), rs.getString("group_name"),
				rs.getString("instance_id"), ActuationStep.State.valueOf(rs.getString("state")), rs.getInt("attempts"),
				instant(rs, "updated_at"), instant(rs, "drain_until"), rs.getObject("terminated_after", Long.class),
				STORAGE.readValue(rs.getString("history"), TRANSITIONS), rs.getString("error"));
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static String truncate(String text) {
		return (text == null || text.length() <= 2000) ? text : text.substring(0, 1999) + "…";
	}

}
