package io.capacitypilot.simulation;

import java.time.Duration;
import java.time.Instant;

import io.capacitypilot.fleet.sim.LoadTrace;

/**
 * The settings of a replay as a user gives them, any of which may be left out: the command line and
 * the API both build their {@link Scenario} here, so the same settings give the same numbers.
 *
 * @param from replay from, in the trace's time (default: the trace's start)
 * @param to replay until, exclusive, in the trace's time (default: the trace's end)
 * @param loadScale multiply every rate (default 1)
 * @param timeScale stretch the window's time from its start, 0.5 plays it twice as fast (default 1)
 * @param capacityPerInstance requests/s one instance serves at 100 % CPU (default 100)
 * @param bootTime launch to in service (default 180 s)
 * @param bootTimeMax when set, boot times are drawn uniformly between {@code bootTime} and this
 * @param drainTime a removed instance is paid for this long (default 0)
 * @param minInstances the group's minimum (default 1)
 * @param maxInstances the group's maximum (default 10,000)
 * @param pricePerInstanceHour USD (default 0.096, an m5.large on demand in us-east-1)
 * @param targetUtilization the policies' target CPU in percent (default 70)
 * @param demandUtilization the CPU in percent demand is sized at (default 100)
 * @param warmup the target-tracking policies' instance warm-up (default 300 s)
 * @param step the replay step (default 15 s, the HPA's sync period)
 * @param seed seed of the boot-time draws (default 1)
 */
public record ScenarioSpec(Instant from, Instant to, Double loadScale, Double timeScale, Double capacityPerInstance,
		Duration bootTime, Duration bootTimeMax, Duration drainTime, Integer minInstances, Integer maxInstances,
		Double pricePerInstanceHour, Double targetUtilization, Double demandUtilization, Duration warmup,
		Duration step, Long seed) {

	public static final ScenarioSpec DEFAULTS = new ScenarioSpec(null, null, null, null, null, null, null, null, null,
			null, null, null, null, null, null, null);

	public Scenario toScenario(String traceName, LoadTrace recorded) {
		// The window is in the trace's own time; scaling then plays it from the window's start.
		LoadTrace trace = recorded.between(or(this.from, recorded.start()), or(this.to, recorded.end()))
			.scaled(or(this.timeScale, 1.0), or(this.loadScale, 1.0));
		Duration boot = or(this.bootTime, Duration.ofMinutes(3));
		FleetModel fleet = new FleetModel(or(this.capacityPerInstance, 100.0),
				new BootTime(boot, or(this.bootTimeMax, boot)), or(this.drainTime, Duration.ZERO),
				or(this.minInstances, 1), or(this.maxInstances, 10_000), or(this.pricePerInstanceHour, 0.096));
		return new Scenario(traceName, trace, fleet,
				or(this.targetUtilization, 70.0), or(this.demandUtilization, 100.0),
				or(this.warmup, Duration.ofMinutes(5)), or(this.step, Duration.ofSeconds(15)), or(this.seed, 1L));
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
