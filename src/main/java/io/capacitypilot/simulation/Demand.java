package io.capacitypilot.simulation;

import java.time.Duration;
import java.time.Instant;

import io.capacitypilot.fleet.sim.LoadTrace;

/**
 * A trace cut into replay steps: the offered load of each step and the demand it makes, the fewest
 * instances that serve it at no more than a given utilization (at least one). A step whose trace sample
 * is missing has an unknown load and demand.
 */
public final class Demand {

	private static final int UNKNOWN = -1;

	/** Absorbs rounding, so that 140 req/s at 70 % of 100 needs 2 instances, not 3. */
	private static final double EPSILON = 1e-9;

	private final Instant start;

	private final Duration step;

	private final double[] load;

	private final int[] instances;

	Demand(LoadTrace trace, Duration step, double capacityPerInstance, double utilization) {
		this.start = trace.start();
		this.step = step;
		int steps = (int) (Duration.between(trace.start(), trace.end()).toMillis() / step.toMillis());
		this.load = new double[steps];
		this.instances = new int[steps];
		for (int i = 0; i < steps; i++) {
			this.load[i] = trace.rate(trace.indexAt(at(i)));
			this.instances[i] = Double.isNaN(this.load[i]) ? UNKNOWN
					: Math.max(1, (int) Math.ceil(this.load[i] / (capacityPerInstance * utilization) - EPSILON));
		}
	}

	public int steps() {
		return this.load.length;
	}

	public Duration step() {
		return this.step;
	}

	public Instant at(int step) {
		return this.start.plus(this.step.multipliedBy(step));
	}

	/** The step an instant falls in. */
	public int stepAt(Instant at) {
		return (int) (Duration.between(this.start, at).toMillis() / this.step.toMillis());
	}

	public boolean known(int step) {
		return this.instances[step] != UNKNOWN;
	}

	/** The offered load in requests/s, {@code NaN} when unknown. */
	public double load(int step) {
		return this.load[step];
	}

	/** The instances needed, or {@code -1} when unknown. */
	public int instances(int step) {
		return this.instances[step];
	}

	/** The most instances needed over steps {@code from} to {@code to}, both included. */
	public int peak(int from, int to) {
		int peak = 0;
		for (int i = Math.max(0, from); i <= Math.min(to, steps() - 1); i++) {
			peak = Math.max(peak, this.instances[i]);
		}
		return peak;
	}

	public int peak() {
		return peak(0, steps() - 1);
	}

	/** The mean of the known demand, in instances. */
	public double mean() {
		long sum = 0;
		int known = 0;
		for (int instances : this.instances) {
			if (instances != UNKNOWN) {
				sum += instances;
				known++;
			}
		}
		return (known > 0) ? (double) sum / known : 0;
	}

}
