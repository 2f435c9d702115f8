package io.capacitypilot.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.capacitypilot.actuation.ActuationStep;
import io.capacitypilot.control.DecisionRecorded;
import io.capacitypilot.control.Outcome;
import io.capacitypilot.control.ScaleInProgressed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follower's reading of what the leader stored, driven by hand against a real database: rows are
 * written as the leader writes them, and the follower is asked to look at chosen moments.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:decision-follower;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
		"capacitypilot.control.enabled=false", "capacitypilot.sim.demo-group=false",
		"capacitypilot.leases.monitor=false", "capacitypilot.dashboard.follow-interval=1h" })
@RecordApplicationEvents
class DecisionFollowerTests {

	private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

	@Autowired
	DecisionFollower follower;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@BeforeEach
	void cleanSlate() {
		this.jdbc.sql("DELETE FROM actuation_step").update();
		this.jdbc.sql("DELETE FROM decision").update();
		this.follower.stop();
	}

	@Test
	void publishesEachDecisionStoredSinceItStartedOnceEvenWhenIdsCommitOutOfOrder() {
		storeDecision(100, "NONE", "SKIPPED", START);
		this.follower.follow(START);
		storeDecision(102, "NONE", "SKIPPED", START);
		this.follower.follow(START.plusSeconds(1));
		// Decision 101 got its id before 102 but committed after it: another group's evaluation.
		storeDecision(101, "NONE", "SKIPPED", START);
		this.follower.follow(START.plusSeconds(2));
		this.follower.follow(START.plusSeconds(30));
		storeDecision(103, "NONE", "SKIPPED", START.plusSeconds(30));
		this.follower.follow(START.plusSeconds(31));

		assertThat(this.events.stream(DecisionRecorded.class).map((event) -> event.decision().id()))
			.containsExactly(102L, 101L, 103L);
	}

	@Test
	void followsAScaleInUnderWayUntilItsOutcomeIsSettled() {
		storeDecision(200, "TERMINATE_INSTANCES", "IN_PROGRESS", START);
		storeStep(200, "i-1", "DRAINING", START);
		this.follower.follow(START.plusSeconds(1));

		setStep(200, "DONE", START.plusSeconds(2));
		// The last step is done, but the leader has not settled the outcome yet: not shown so.
		this.follower.follow(START.plusSeconds(2));
		assertThat(this.events.stream(ScaleInProgressed.class)).isEmpty();

		this.jdbc.sql("UPDATE decision SET outcome = 'SUCCEEDED' WHERE id = 200").update();
		this.follower.follow(START.plusSeconds(3));
		this.follower.follow(START.plusSeconds(4));

		assertThat(this.events.stream(ScaleInProgressed.class)).singleElement().satisfies((event) -> {
			assertThat(event.decision().outcome()).isEqualTo(Outcome.SUCCEEDED);
			assertThat(event.steps()).singleElement()
				.satisfies((step) -> assertThat(step.state()).isEqualTo(ActuationStep.State.DONE));
		});
		assertThat(this.events.stream(DecisionRecorded.class)).isEmpty();
	}

	@Test
	void showsEachStepOfANewScaleInAsItMovesOn() {
		this.follower.follow(START);
		storeDecision(300, "TERMINATE_INSTANCES", "IN_PROGRESS", START);
		storeStep(300, "i-1", "DEREGISTERING", START);
		this.follower.follow(START.plusSeconds(1));
		this.follower.follow(START.plusSeconds(2));
		setStep(300, "DRAINING", START.plusSeconds(2));
		this.follower.follow(START.plusSeconds(3));

		assertThat(this.events.stream(DecisionRecorded.class)).singleElement()
			.satisfies((event) -> assertThat(event.steps().getFirst().state()).isEqualTo(ActuationStep.State.DEREGISTERING));
		assertThat(this.events.stream(ScaleInProgressed.class)).singleElement()
			.satisfies((event) -> assertThat(event.steps().getFirst().state()).isEqualTo(ActuationStep.State.DRAINING));
	}

	@Test
	void showsAScaleInLeftUnsettledAsItIsOnceItStaysSo() {
		this.follower.follow(START);
		storeDecision(400, "TERMINATE_INSTANCES", "IN_PROGRESS", START);
		storeStep(400, "i-1", "DRAINING", START);
		this.follower.follow(START.plusSeconds(1));
		// Its leader stopped between the last step and settling the outcome.
		setStep(400, "DONE", START.plusSeconds(2));
		this.follower.follow(START.plusSeconds(3));
		assertThat(this.events.stream(ScaleInProgressed.class)).isEmpty();

		Instant later = START.plusSeconds(2).plus(Duration.ofSeconds(11));
		this.follower.follow(later);
		this.follower.follow(later.plusSeconds(1));

		assertThat(this.events.stream(ScaleInProgressed.class)).singleElement()
			.satisfies((event) -> assertThat(event.decision().outcome()).isEqualTo(Outcome.IN_PROGRESS));
	}

	private void storeDecision(long id, String action, String outcome, Instant at) {
		this.jdbc.sql("""
				INSERT INTO decision (id, group_name, evaluated_at, mode, current_capacity, serving_capacity,
				    desired_capacity, direction, action, outcome, summary, detail)
				VALUES (:id, 'web', :at, 'ACTIVE', 2, 2, 1, 'IN', :action, :outcome, 'scale in', '{}')""")
			.param("id", id)
			.param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
			.param("action", action)
			.param("outcome", outcome)
			.update();
	}

	private void storeStep(long decisionId, String instanceId, String state, Instant at) {
		this.jdbc.sql("""
				INSERT INTO actuation_step (decision_id, group_name, instance_id, state, updated_at, history)
				VALUES (:decision, 'web', :instance, :state, :at, '[]')""")
			.param("decision", decisionId)
			.param("instance", instanceId)
			.param("state", state)
			.param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
			.update();
	}

	private void setStep(long decisionId, String state, Instant at) {
		this.jdbc.sql("UPDATE actuation_step SET state = :state, updated_at = :at WHERE decision_id = :decision")
			.param("state", state)
			.param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
			.param("decision", decisionId)
			.update();
	}

}
