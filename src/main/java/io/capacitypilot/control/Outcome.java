package io.capacitypilot.control;

public enum Outcome {

	SUCCEEDED, FAILED, SKIPPED,
	/** The decision's scale-in steps are still under way; it ends as succeeded or failed. */
	IN_PROGRESS

}
