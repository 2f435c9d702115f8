package io.capacitypilot.simulation;

import java.time.Duration;

/** A fixed fleet, never scaled: provisioned for the peak, or for the mean of the demand. */
public record StaticCapacity(String name, int capacity) implements Autoscaler {

	public static StaticCapacity peak(Demand demand) {
		return new StaticCapacity("static peak", demand.peak());
	}

	public static StaticCapacity mean(Demand demand) {
		return new StaticCapacity("static mean", (int) Math.ceil(demand.mean()));
	}

	@Override
	public Duration interval() {
		return Duration.ofHours(1);
	}

	@Override
	public int initialCapacity(int demandBeforeFirstBoot) {
		return this.capacity;
	}

	@Override
	public int decide(Observation observation) {
		return this.capacity;
	}

}
