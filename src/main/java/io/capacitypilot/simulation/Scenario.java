package io.capacitypilot.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.capacitypilot.fleet.sim.LoadTrace;

/**
 * A trace, a fleet model and the settings the policies share: what the command line and the API
 * replay, so that both give the same numbers for the same inputs.
 *
 * @param traceName how the trace is called in reports
 * @param targetPercent the policies' target CPU utilization
 * @param demandPercent the CPU utilization demand is sized at (100: the fewest instances that serve
 * the load)
 * @param warmup the instance warm-up of the target-tracking policies
 * @param step the replay step
 * @param seed seed of the boot-time draws
 */
public record Scenario(String traceName, LoadTrace trace, FleetModel fleet, double targetPercent,
		double demandPercent, Duration warmup, Duration step, long seed) {

	private static final int SERIES_POINTS = 1000;

	public Scenario {
		if (targetPercent <= 0 || targetPercent > 100 || demandPercent <= 0 || demandPercent > 100) {
			throw new IllegalArgumentException("target and demand utilization must be in (0, 100] percent");
		}
		if (step.isZero() || step.isNegative()) {
			throw new IllegalArgumentException("the step must be positive");
		}
	}

	/**
	 * Replays each contender in turn.
	 * @param resolution the resolution of the time series to keep, or {@code null} for none
	 */
	public List<ReplayResult> compare(List<Contender> contenders, Duration resolution) {
		Replay replay = replay();
		return contenders.stream()
			.map((contender) -> replay.run(contender.create(this, replay.demand()), resolution))
			.toList();
	}

	/** A series resolution of whole minutes giving about a thousand points over the scenario. */
	public Duration defaultSeriesResolution() {
		Duration point = Duration.between(this.trace.start(), this.trace.end()).dividedBy(SERIES_POINTS);
		return Duration.ofMinutes(Math.max(1, (point.toSeconds() + 59) / 60));
	}

	/** A replay of this scenario, for any autoscaler. */
	public Replay replay() {
		return new Replay(this.trace, this.fleet, this.demandPercent / 100, this.step, this.seed);
	}

	public String describe() {
		return String.format(Locale.ROOT,
				"trace %s, %s to %s (%d samples of %d s)%nfleet: %.0f req/s per instance at 100 %% CPU, boot %s, "
						+ "drain %d s, %d–%d instances, %.4f USD per instance-hour%n"
						+ "demand: instances to serve the load at ≤ %.0f %% CPU; policies target %.0f %% CPU; "
						+ "step %d s; seed %d",
				this.traceName, this.trace.start(), this.trace.end(), this.trace.size(), this.trace.step().toSeconds(),
				this.fleet.capacityPerInstance(), this.fleet.bootTime(), this.fleet.drainTime().toSeconds(),
				this.fleet.minInstances(), this.fleet.maxInstances(), this.fleet.pricePerInstanceHour(),
				this.demandPercent, this.targetPercent, this.step.toSeconds(), this.seed);
	}

}
