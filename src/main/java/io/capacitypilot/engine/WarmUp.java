package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * Instance warm-up: a new instance's metrics do not yet reflect the load it will take, so it must
 * neither count toward the capacity that produced a datapoint nor let the same load be answered
 * twice.
 */
final class WarmUp {

	/**
	 * The warm-up of a policy that sets none: EC2 Auto Scaling's default. Without one, an instance
	 * that comes into service counts at once against a datapoint it did not help produce, and the
	 * same load scales the group out again and again.
	 */
	static final Duration DEFAULT = Duration.ofMinutes(5);

	private WarmUp() {
	}

	/** A policy's warm-up, or the default when it sets none. */
	static Duration of(Duration configured) {
		return (configured != null) ? configured : DEFAULT;
	}

	/** Serving instances past their warm-up: the capacity that produced the latest datapoint. */
	static int measuredCapacity(FleetState fleet, Duration warmup, Instant now) {
		int measured = 0;
		for (Instance instance : fleet.instances()) {
			if (instance.serving() && !warming(instance, warmup, now)) {
				measured++;
			}
		}
		return measured;
	}

	/** Instances that count toward capacity but are still pending or within their warm-up. */
	static int warmingCount(FleetState fleet, Duration warmup, Instant now) {
		int warming = 0;
		for (Instance instance : fleet.instances()) {
			if (instance.lifecycle().countsTowardCapacity() && warming(instance, warmup, now)) {
				warming++;
			}
		}
		return warming;
	}

	private static boolean warming(Instance instance, Duration warmup, Instant now) {
		if (warmup == null || warmup.isZero()) {
			return false;
		}
		if (instance.lifecycle() == LifecycleState.PENDING) {
			return true;
		}
		return instance.launchTime() != null && instance.launchTime().plus(warmup).isAfter(now);
	}

}
