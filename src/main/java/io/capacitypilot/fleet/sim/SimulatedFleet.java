package io.capacitypilot.fleet.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.capacitypilot.engine.FleetState;
import io.capacitypilot.fleet.Fleet;
import io.capacitypilot.fleet.FleetTarget;

/**
 * In-process Auto Scaling Groups for the embedded default. Any group name exists on first use, as
 * if it had been running its initial capacity for a day when the simulation started (so that its
 * metrics have a history from the first tick on), and every group receives the same replayed trace.
 */
public class SimulatedFleet implements Fleet {

	/** Longer than any metric look-back a policy asks of the simulated metrics. */
	private static final Duration RETENTION = Duration.ofDays(1);

	private final Map<String, SimulatedGroup> groups = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Instant start;

	private final ReplayedLoad load;

	private final SimulationProperties properties;

	public SimulatedFleet(Clock clock, LoadTrace trace, SimulationProperties properties) {
		this.clock = clock;
		this.start = clock.instant();
		this.load = new ReplayedLoad(trace, this.start, properties.traceStart(), properties.speedUp(),
				properties.loadScale());
		this.properties = properties;
	}

	@Override
	public FleetState describe(FleetTarget target) {
		SimulatedGroup group = group(target.autoScalingGroupName());
		synchronized (group) {
			return group.state(this.clock.instant());
		}
	}

	@Override
	public void setDesiredCapacity(FleetTarget target, int desiredCapacity) {
		SimulatedGroup group = group(target.autoScalingGroupName());
		synchronized (group) {
			group.setDesiredCapacity(desiredCapacity, this.clock.instant());
		}
	}

	/**
	 * The load on a group at an instant of the past (or now) and the instances that served it, no
	 * further back than {@link #sampledSince(Instant)}.
	 */
	public LoadSample sample(String groupName, Instant at) {
		SimulatedGroup group = group(groupName);
		int serving;
		synchronized (group) {
			serving = group.servingAt(at);
		}
		return new LoadSample(at, this.load.requestsPerSecond(at), serving, this.properties.requestsPerInstance());
	}

	/** The earliest instant {@link #sample(String, Instant)} answers for. */
	public Instant sampledSince(Instant now) {
		return now.minus(RETENTION);
	}

	private SimulatedGroup group(String name) {
		return this.groups.computeIfAbsent(name,
				(key) -> new SimulatedGroup(key, this.properties.minSize(), this.properties.maxSize(),
						this.properties.initialCapacity(), this.properties::bootTime, Duration.ZERO, RETENTION,
						this.start.minus(RETENTION)));
	}

}
