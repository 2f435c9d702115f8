package io.capacitypilot.fleet.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.capacitypilot.engine.FleetState;
import io.capacitypilot.fleet.Fleet;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.fleet.TargetGroup;
import io.capacitypilot.fleet.TargetState;

/**
 * In-process Auto Scaling Groups for the embedded default. Any group name exists on first use, as
 * if it had been running its initial capacity for a day when the simulation started (so that its
 * metrics have a history from the first tick on), and every group receives the same replayed trace.
 */
public class SimulatedFleet implements Fleet {

	/** Longer than any metric look-back a policy asks of the simulated metrics. */
	private static final Duration RETENTION = Duration.ofDays(1);

	private final Map<String, SimulatedGroup> groups = new ConcurrentHashMap<>();

	/** Like ELBv2's own (300 s by default), shorter: the simulation runs faster than real time. */
	static final Duration DEREGISTRATION_DELAY = Duration.ofSeconds(30);

	/** Each target group's targets: registered, or draining since their deregistration. */
	private final Map<String, Map<String, Target>> targetGroups = new ConcurrentHashMap<>();

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

	@Override
	public void terminate(FleetTarget target, String instanceId) {
		SimulatedGroup group = group(target.autoScalingGroupName());
		synchronized (group) {
			group.terminate(instanceId, this.clock.instant());
		}
	}

	@Override
	public void register(FleetTarget target, TargetGroup targetGroup, Collection<String> instanceIds) {
		instanceIds.forEach((id) -> targets(targetGroup).put(id, Target.REGISTERED));
	}

	@Override
	public void deregister(FleetTarget target, TargetGroup targetGroup, Collection<String> instanceIds) {
		Instant now = this.clock.instant();
		instanceIds.forEach((id) -> targets(targetGroup).computeIfPresent(id,
				(key, current) -> (current.deregisteredAt() != null) ? current : new Target(now)));
	}

	/** A registered target is healthy; a deregistered one drains for the delay, then is gone. */
	@Override
	public Map<String, TargetState> targetHealth(FleetTarget target, TargetGroup targetGroup) {
		Instant now = this.clock.instant();
		Map<String, Target> targets = targets(targetGroup);
		targets.values().removeIf((candidate) -> candidate.drainedBy(now));
		return targets.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> (entry.getValue().deregisteredAt() == null)
					? TargetState.HEALTHY : TargetState.DRAINING));
	}

	@Override
	public Duration deregistrationDelay(FleetTarget target, TargetGroup targetGroup) {
		return DEREGISTRATION_DELAY;
	}

	@Override
	public List<String> nativeScalingPolicies(FleetTarget target) {
		return List.of();
	}

	private Map<String, Target> targets(TargetGroup targetGroup) {
		return this.targetGroups.computeIfAbsent(targetGroup.arn(), (arn) -> new ConcurrentHashMap<>());
	}

	/** A target of a simulated target group; {@code deregisteredAt} is {@code null} while it is registered. */
	private record Target(Instant deregisteredAt) {

		static final Target REGISTERED = new Target(null);

		boolean drainedBy(Instant now) {
			return this.deregisteredAt != null && !now.isBefore(this.deregisteredAt.plus(DEREGISTRATION_DELAY));
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
