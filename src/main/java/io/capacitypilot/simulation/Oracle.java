package io.capacitypilot.simulation;

import java.time.Duration;

/**
 * Perfect foresight, the lower bound: it knows the whole future demand and the longest boot time.
 * Every step it keeps the most instances needed between now and when an instance launched now
 * would serve. An instance launched now serves exactly when the demand it was launched for arrives,
 * and no instance is removed that would be missed before a replacement could serve, so supply never
 * falls short (θU = 0) while paying for as little as any policy that must boot instances could.
 */
public final class Oracle implements Autoscaler {

	private final Demand demand;

	private final int bootSteps;

	public Oracle(Demand demand, Duration longestBootTime) {
		this.demand = demand;
		long step = demand.step().toMillis();
		this.bootSteps = (int) ((longestBootTime.toMillis() + step - 1) / step);
	}

	@Override
	public String name() {
		return "oracle";
	}

	@Override
	public Duration interval() {
		return this.demand.step();
	}

	@Override
	public int decide(Observation observation) {
		int now = this.demand.stepAt(observation.now());
		int needed = this.demand.peak(now, now + this.bootSteps);
		// Where the future is unknown (missing trace data), keep what runs rather than guess.
		return (needed > 0) ? needed : observation.fleet().desiredCapacity();
	}

}
