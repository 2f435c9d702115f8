package io.capacitypilot.actuation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One victim of a scale-in decision and how far its removal got. Every change is stored before the
 * call it announces, so that after a crash or a timeout the step is known to have been (possibly)
 * attempted and is checked against the fleet before it is tried again.
 *
 * @param attempts how many calls of this step failed so far
 * @param drainUntil when the wait for draining ends at the latest
 * @param terminatedAfter the group's newest decision when this instance was terminated
 * @param history every state the step went through, in order
 * @param error the last failed call, kept when the step moved on after it, or {@code null}
 */
public record ActuationStep(Long id, long decisionId, String groupName, String instanceId, State state, int attempts,
		Instant updatedAt, Instant drainUntil, Long terminatedAfter, List<Transition> history, String error) {

	public ActuationStep {
		history = List.copyOf(history);
	}

	static ActuationStep planned(long decisionId, String groupName, String instanceId, String note, Instant now) {
		return new ActuationStep(null, decisionId, groupName, instanceId, State.PLANNED, 0, now, null, null,
				List.of(new Transition(State.PLANNED, now, note)), null);
	}

	ActuationStep moveTo(State next, String note, Instant now) {
		List<Transition> transitions = new ArrayList<>(this.history);
		transitions.add(new Transition(next, now, note));
		return new ActuationStep(this.id, this.decisionId, this.groupName, this.instanceId, next, this.attempts, now,
				this.drainUntil, this.terminatedAfter, transitions, this.error);
	}

	ActuationStep drainingUntil(Instant until) {
		return new ActuationStep(this.id, this.decisionId, this.groupName, this.instanceId, this.state, this.attempts,
				this.updatedAt, until, this.terminatedAfter, this.history, this.error);
	}

	ActuationStep terminatedAfter(Long decisionId) {
		return new ActuationStep(this.id, this.decisionId, this.groupName, this.instanceId, this.state, this.attempts,
				this.updatedAt, this.drainUntil, decisionId, this.history, this.error);
	}

	ActuationStep failedAttempt(String failure, Instant now) {
		return new ActuationStep(this.id, this.decisionId, this.groupName, this.instanceId, this.state,
				this.attempts + 1, now, this.drainUntil, this.terminatedAfter, this.history, failure);
	}

	/** Gives the step up after its last failure, which it keeps as its error. */
	ActuationStep givenUp(Instant now) {
		return moveTo(State.FAILED, "given up after " + this.attempts + " failed calls", now);
	}

	ActuationStep withId(long newId) {
		return new ActuationStep(newId, this.decisionId, this.groupName, this.instanceId, this.state, this.attempts,
				this.updatedAt, this.drainUntil, this.terminatedAfter, this.history, this.error);
	}

	public boolean finished() {
		return this.state == State.DONE || this.state == State.FAILED;
	}

	/** Where the removal of one victim stands. */
	public enum State {

		/** Chosen as a victim; nothing done yet. */
		PLANNED,
		/** Being deregistered from the group's target groups. */
		DEREGISTERING,
		/** Deregistered; its connections are draining. */
		DRAINING,
		/** Being terminated (with the desired capacity lowered by one). */
		TERMINATING,
		DONE,
		FAILED

	}

	/** One state of a step, when it was entered and why. */
	public record Transition(State state, Instant at, String note) {
	}

}
