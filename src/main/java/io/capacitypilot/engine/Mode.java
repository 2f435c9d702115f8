package io.capacitypilot.engine;

/** How a group's decisions are carried out. */
public enum Mode {

	/** Decide and act. */
	ACTIVE,
	/** Decide and record, never touch the fleet. The default for a new group. */
	DRY_RUN,
	/** Neither decide nor act. */
	PAUSED

}
