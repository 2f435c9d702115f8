package io.capacitypilot.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.capacitypilot.fleet.sim.LoadSample;
import io.capacitypilot.fleet.sim.LoadTrace;
import io.capacitypilot.fleet.sim.SimulatedGroup;

/**
 * Replays a trace through the fleet model and one autoscaler at a time, in fixed steps of simulated
 * time, and scores the result. At the start of each step the autoscaler (when due) sees the fleet
 * and the monitoring of the steps before, and its capacity is applied; the step is then served by
 * the instances in service and scored against its demand. Nothing is random but the boot times,
 * drawn from the seed, so the same inputs always give the same score.
 */
public final class Replay {

	private final FleetModel fleet;

	private final Demand demand;

	private final long seed;

	/**
	 * @param demandUtilization the utilization (0–1) that defines demand: the instances needed to
	 * serve a step's load at no more than it (1 for the fewest that serve it at all)
	 * @param step the length of a step; the autoscalers' intervals are rounded to whole steps
	 */
	public Replay(LoadTrace trace, FleetModel fleet, double demandUtilization, Duration step, long seed) {
		this.fleet = fleet;
		this.demand = new Demand(trace, step, fleet.capacityPerInstance(), demandUtilization);
		this.seed = seed;
	}

	public Demand demand() {
		return this.demand;
	}

	public FleetModel fleet() {
		return this.fleet;
	}

	public ElasticityMetrics run(Autoscaler autoscaler) {
		return run(autoscaler, null).metrics();
	}

	/**
	 * Replays and keeps a time series too.
	 * @param resolution the time between two points of the series (rounded to whole steps), or
	 * {@code null} for none
	 */
	public ReplayResult run(Autoscaler autoscaler, Duration resolution) {
		Duration step = this.demand.step();
		Instant start = this.demand.at(0);
		int bootSteps = stepsOf(this.fleet.bootTime().longest());
		SimulatedGroup group = this.fleet.newGroup(autoscaler.initialCapacity(this.demand.peak(0, bootSteps)), start,
				this.seed);
		Measurements measurements = new Measurements(start, step, this.demand.steps(), this.fleet.capacityPerInstance());
		ElasticityMetrics.Accumulator score = new ElasticityMetrics.Accumulator(this.fleet.pricePerInstanceHour());
		int interval = Math.max(1, stepsOf(autoscaler.interval()));
		int every = (resolution != null) ? Math.max(1, stepsOf(resolution)) : 0;
		List<ReplayResult.Point> series = new ArrayList<>();
		for (int i = 0; i < this.demand.steps(); i++) {
			Instant now = this.demand.at(i);
			if (i % interval == 0) {
				int desired = this.fleet.clamp(autoscaler.decide(new Observation(now, group.state(now), measurements)));
				if (desired != group.desiredCapacity()) {
					group.setDesiredCapacity(desired, now);
					score.scalingAction();
				}
			}
			int serving = group.servingAt(now);
			int billed = group.billedAt(now);
			double load = this.demand.load(i);
			score.step(step, this.demand.instances(i), serving, billed, load > serving * this.fleet.capacityPerInstance());
			if (every > 0 && i % every == 0) {
				series.add(ReplayResult.Point.of(now, load, this.demand.instances(i), serving, group.desiredCapacity(),
						billed));
			}
			measurements.record(i, Double.isNaN(load) ? Double.NaN
					: new LoadSample(now, load, serving, this.fleet.capacityPerInstance()).cpuUtilization(), serving);
		}
		return new ReplayResult(autoscaler.name(), score.result(), series);
	}

	private int stepsOf(Duration duration) {
		long step = this.demand.step().toMillis();
		return (int) ((duration.toMillis() + step - 1) / step);
	}

}
