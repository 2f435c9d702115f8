package io.capacitypilot.engine;

import java.time.Instant;
import java.util.List;

/**
 * One evaluation as the guardrails see it: the input, the capacity the fleet has, every policy's
 * opinion, and the behaviour that applies (the group's, overridden by the winning policy's).
 */
record Cycle(EvaluationInput input, int current, List<Opinion> opinions, Behavior behavior) {

	Instant now() {
		return this.input.now();
	}

	FleetState fleet() {
		return this.input.fleet();
	}

	History history() {
		return (this.input.history() != null) ? this.input.history() : History.EMPTY;
	}

	/** The direction a change from the current capacity to {@code value} goes. */
	Direction directionTo(int value) {
		return (value > this.current) ? Direction.OUT : (value < this.current) ? Direction.IN : Direction.NONE;
	}

}
