package io.capacitypilot.engine;

import java.time.Instant;

/**
 * One instance of a group as the fleet reported it.
 *
 * @param healthy the Auto Scaling health status is Healthy (and, where the group has target groups,
 * every target group reports it healthy)
 */
public record Instance(String id, String availabilityZone, LifecycleState lifecycle, boolean healthy,
		boolean protectedFromScaleIn, Instant launchTime) {

	public boolean serving() {
		return this.lifecycle == LifecycleState.IN_SERVICE && this.healthy;
	}

}
