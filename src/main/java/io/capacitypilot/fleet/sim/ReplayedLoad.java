package io.capacitypilot.fleet.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * A trace replayed against the wall clock, faster than real time: from {@code simulationStart} on,
 * every wall-clock second plays {@code speedUp} seconds of the trace, beginning at
 * {@code traceStart}, and every rate is multiplied by {@code loadScale}. The replay starts again at
 * the beginning of the trace when it runs out.
 */
public final class ReplayedLoad {

	private final LoadTrace trace;

	private final Instant simulationStart;

	private final Instant traceStart;

	private final double speedUp;

	private final double loadScale;

	public ReplayedLoad(LoadTrace trace, Instant simulationStart, Instant traceStart, double speedUp,
			double loadScale) {
		if (speedUp <= 0 || loadScale < 0) {
			throw new IllegalArgumentException("speed-up must be positive and load scale not negative");
		}
		this.trace = trace;
		this.simulationStart = simulationStart;
		this.traceStart = traceStart;
		this.speedUp = speedUp;
		this.loadScale = loadScale;
	}

	/** The moment of the trace that plays at a wall-clock instant. */
	public Instant traceTime(Instant wallClock) {
		long elapsedMillis = Duration.between(this.simulationStart, wallClock).toMillis();
		long traceMillis = this.traceStart.toEpochMilli() + Math.round(elapsedMillis * this.speedUp);
		long first = this.trace.start().toEpochMilli();
		long span = this.trace.end().toEpochMilli() - first;
		return Instant.ofEpochMilli(first + Math.floorMod(traceMillis - first, span));
	}

	/** The offered load at a wall-clock instant, in requests per second. */
	public double requestsPerSecond(Instant wallClock) {
		return this.trace.rateAt(traceTime(wallClock)) * this.loadScale;
	}

}
