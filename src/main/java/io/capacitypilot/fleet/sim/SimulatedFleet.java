package io.capacitypilot.fleet.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;
import io.capacitypilot.fleet.Fleet;
import io.capacitypilot.fleet.FleetTarget;

/**
 * An in-process Auto Scaling Group for the embedded default: any group name exists on first use
 * with the configured bounds.
 */
public class SimulatedFleet implements Fleet {

	private final Map<FleetTarget, Group> groups = new ConcurrentHashMap<>();

	private final Clock clock;

	private final int minSize;

	private final int maxSize;

	private final int initialCapacity;

	public SimulatedFleet(Clock clock, int minSize, int maxSize, int initialCapacity) {
		this.clock = clock;
		this.minSize = minSize;
		this.maxSize = maxSize;
		this.initialCapacity = initialCapacity;
	}

	@Override
	public FleetState describe(FleetTarget target) {
		return group(target).state();
	}

	@Override
	public void setDesiredCapacity(FleetTarget target, int desiredCapacity) {
		group(target).resize(desiredCapacity, this.clock.instant());
	}

	private Group group(FleetTarget target) {
		return this.groups.computeIfAbsent(target,
				(key) -> new Group(key.autoScalingGroupName(), this.initialCapacity, this.clock.instant()));
	}

	private final class Group {

		private final String name;

		private final List<Instance> instances = new ArrayList<>();

		private int launched;

		Group(String name, int capacity, Instant now) {
			this.name = name;
			resize(capacity, now);
		}

		synchronized FleetState state() {
			return new FleetState(SimulatedFleet.this.minSize, SimulatedFleet.this.maxSize, this.instances.size(),
					this.instances, false);
		}

		synchronized void resize(int capacity, Instant now) {
			while (this.instances.size() < capacity) {
				this.launched++;
				this.instances.add(new Instance(this.name + "-" + this.launched, "sim-1a", LifecycleState.IN_SERVICE,
						true, false, now));
			}
			while (this.instances.size() > capacity) {
				this.instances.removeLast();
			}
		}

	}

}
