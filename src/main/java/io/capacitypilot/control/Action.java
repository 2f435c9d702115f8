package io.capacitypilot.control;

/** What the control loop did with an evaluation. */
public enum Action {

	/** The capacity was already right, or a guardrail held it. */
	NONE,
	/** SetDesiredCapacity was called. */
	SET_DESIRED_CAPACITY,
	/**
	 * Chosen victims are removed one by one (drained first where Capacity Pilot owns the target
	 * groups), each terminated with the desired capacity lowered by one.
	 */
	TERMINATE_INSTANCES,
	/** The group is in dry-run: the change was recorded, the fleet left alone. */
	DRY_RUN,
	/** The evaluation itself failed (the fleet could not be read). */
	NOT_EVALUATED

}
