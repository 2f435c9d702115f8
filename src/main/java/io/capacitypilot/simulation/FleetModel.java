package io.capacitypilot.simulation;

import java.time.Duration;
import java.time.Instant;

import io.capacitypilot.fleet.sim.SimulatedGroup;

/**
 * The fleet a trace is replayed on.
 *
 * @param capacityPerInstance requests/s one instance serves at 100 % CPU
 * @param bootTime time from launch to in service
 * @param drainTime how long a removed instance is still paid for, serving nothing (the load
 * balancer's deregistration delay)
 * @param minInstances the group's minimum
 * @param maxInstances the group's maximum
 * @param pricePerInstanceHour what one instance costs an hour, pending and draining included
 */
public record FleetModel(double capacityPerInstance, BootTime bootTime, Duration drainTime, int minInstances,
		int maxInstances, double pricePerInstanceHour) {

	public FleetModel {
		if (capacityPerInstance <= 0 || minInstances < 0 || maxInstances < Math.max(1, minInstances)) {
			throw new IllegalArgumentException("need a positive capacity per instance and 0 <= min <= max, max >= 1");
		}
	}

	/** Keeps {@code capacity} within the group's bounds. */
	public int clamp(int capacity) {
		return Math.min(Math.max(capacity, this.minInstances), this.maxInstances);
	}

	SimulatedGroup newGroup(int initialCapacity, Instant start, long seed) {
		// Instances are forgotten soon after they are gone: the replay asks only about the present.
		return new SimulatedGroup("replay", this.minInstances, this.maxInstances, clamp(initialCapacity),
				this.bootTime.sampler(seed), this.drainTime, Duration.ofHours(1), start);
	}

}
