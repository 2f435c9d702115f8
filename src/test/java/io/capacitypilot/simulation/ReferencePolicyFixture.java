package io.capacitypilot.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;

/** Monitoring and a fleet written by hand, to put a reference policy in an exact situation. */
final class ReferencePolicyFixture {

	static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final Duration step;

	private final Measurements measurements;

	private int recorded;

	ReferencePolicyFixture(Duration step) {
		this.step = step;
		this.measurements = new Measurements(START, step, 1000, 100);
	}

	/** Records {@code steps} steps of this utilization on this many serving instances. */
	ReferencePolicyFixture measure(int steps, double utilization, int serving) {
		for (int i = 0; i < steps; i++) {
			this.measurements.record(this.recorded++, utilization, serving);
		}
		return this;
	}

	Instant now() {
		return START.plus(this.step.multipliedBy(this.recorded));
	}

	/** The fleet now: {@code serving} instances launched long ago and {@code pending} launched at {@code launched}. */
	Observation observe(int serving, int pending, Instant launched) {
		List<Instance> instances = new ArrayList<>();
		for (int i = 0; i < serving; i++) {
			instances.add(new Instance("i-" + i, "a", LifecycleState.IN_SERVICE, true, false, START.minusSeconds(3600)));
		}
		for (int i = 0; i < pending; i++) {
			instances.add(new Instance("i-p" + i, "a", LifecycleState.PENDING, true, false, launched));
		}
		return new Observation(now(), new FleetState(1, 100, serving + pending, instances, false), this.measurements);
	}

	Observation observe(int serving) {
		return observe(serving, 0, START);
	}

}
