package io.capacitypilot.simulation;

import java.time.Duration;

/**
 * A policy under test in a replay: the production engine or a reference. It is asked for a
 * capacity every {@link #interval()}, and may keep state between calls (one instance per replay).
 */
public interface Autoscaler {

	/** The name of its row in the comparison. */
	String name();

	/** How often it decides. */
	Duration interval();

	/**
	 * The capacity the group starts with, in service.
	 * @param demandBeforeFirstBoot the most instances needed before an instance launched at the
	 * start could serve: every policy starts from it unless it has its own idea
	 */
	default int initialCapacity(int demandBeforeFirstBoot) {
		return demandBeforeFirstBoot;
	}

	/** The desired capacity; the current one to change nothing. The replay clamps it to the bounds. */
	int decide(Observation observation);

}
