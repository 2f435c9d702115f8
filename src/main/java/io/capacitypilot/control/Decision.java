package io.capacitypilot.control;

import java.time.Instant;

import io.capacitypilot.engine.Direction;
import io.capacitypilot.engine.Mode;

/**
 * The record of one evaluation of a group: what the engine decided, what was done, and why.
 *
 * @param replica the id of the replica that made the decision (with several, the leader then), or
 * {@code null} for a decision stored before replicas were recorded
 * @param currentCapacity the group's desired capacity before the decision
 * @param servingCapacity its instances that were InService and healthy
 * @param combinedRecommendation the policies' combined recommendation before guardrails, or
 * {@code null} when no policy had an opinion
 * @param summary one human line that explains the outcome
 * @param detail the full explanation as JSON: the datapoints used with their timestamps, each
 * policy's recommendation and reasons, every guardrail that changed the result
 */
public record Decision(Long id, String groupName, Instant evaluatedAt, String replica, Mode mode,
		int currentCapacity, int servingCapacity, Integer combinedRecommendation, int desiredCapacity,
		Direction direction, Action action, Outcome outcome, String error, String summary, String detail) {

	Decision withId(long newId) {
		return new Decision(newId, this.groupName, this.evaluatedAt, this.replica, this.mode, this.currentCapacity,
				this.servingCapacity, this.combinedRecommendation, this.desiredCapacity, this.direction, this.action,
				this.outcome, this.error, this.summary, this.detail);
	}

	/**
	 * The capacity this decision aimed the group at: what a scale-in will leave once its victims are
	 * gone, which cooldowns and rate limits count from.
	 */
	public int targetCapacity() {
		return (this.action == Action.TERMINATE_INSTANCES && this.outcome != Outcome.FAILED) ? this.desiredCapacity
				: resultingCapacity();
	}

	/**
	 * The desired capacity the group had once this decision's own call returned. A scale-in's
	 * terminations lower it later, one by one, and are counted as they happen.
	 */
	public int resultingCapacity() {
		return (this.action == Action.SET_DESIRED_CAPACITY && this.outcome == Outcome.SUCCEEDED)
				? this.desiredCapacity : this.currentCapacity;
	}

}
